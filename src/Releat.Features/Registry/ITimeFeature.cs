namespace Releat.Features.Registry;

/// <summary>A feature of the decision time itself (calendar, session); it may produce several values.</summary>
public interface ITimeFeature
{
    string Name { get; }

    /// <summary>Suffixes of the values it writes, e.g. ["sin", "cos"].</summary>
    IReadOnlyList<string> Outputs { get; }

    void Compute(long decisionTimeMs, Span<float> destination);
}
