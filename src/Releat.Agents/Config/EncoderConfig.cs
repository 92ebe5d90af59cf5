namespace Releat.Agents.Config;

/// <summary>Each feature group is encoded to a vector of <see cref="Width"/> values.</summary>
public sealed record EncoderConfig(int Width, Activation Activation);
