namespace Releat.Features.Engine;

/// <summary>One value of the market observation: its name ("m5.slope_angle.lag2"), group and transform recipe.</summary>
public sealed record ObservationColumn(string Name, string Group, Agents.Config.TransformConfig Transform);
