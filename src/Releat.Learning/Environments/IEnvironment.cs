namespace Releat.Learning.Environments;

/// <summary>
/// A Gymnasium-style environment that writes observations into caller-owned spans, so stepping allocates nothing.
/// Reset(seed) reseeds and starts an episode; Reset() starts the next episode from the current random stream.
/// </summary>
public interface IEnvironment
{
    BoxSpace ObservationSpace { get; }

    DiscreteSpace ActionSpace { get; }

    /// <summary>True when <see cref="WriteActionMask"/> can forbid actions.</summary>
    bool HasActionMask => false;

    void Reset(ulong seed, Span<float> observation);

    void Reset(Span<float> observation);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Gymnasium's name for it; the library is C# only.")]
    StepOutcome Step(int action, Span<float> observation);

    /// <summary>Which actions are allowed now (true = allowed); every action by default.</summary>
    void WriteActionMask(Span<bool> mask) => mask.Fill(true);
}
