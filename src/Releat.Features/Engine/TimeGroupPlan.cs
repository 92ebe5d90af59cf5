using Releat.Features.Registry;

namespace Releat.Features.Engine;

/// <summary>A time group ready to run: its features and the first column they write.</summary>
public sealed record TimeGroupPlan(string Name, IReadOnlyList<ITimeFeature> Features, int Offset)
{
    public int Width => Features.Sum(f => f.Outputs.Count);
}
