namespace Releat.Learning.Environments;

/// <summary>
/// A batch of environments stepped together, with Gymnasium SyncVectorEnv's same-step auto-reset: when a
/// sub-environment terminates or truncates it is reset at once, <see cref="Observations"/> holds the first observation
/// of the new episode and <see cref="FinalObservations"/> the last one of the old. So CleanRL's next_done =
/// terminated | truncated marks an observation that starts a new episode. Results live in buffers the vector env owns.
/// </summary>
public interface IVectorEnv
{
    int NumEnvs { get; }

    BoxSpace SingleObservationSpace { get; }

    DiscreteSpace SingleActionSpace { get; }

    bool HasActionMasks { get; }

    /// <summary>[NumEnvs × observation size], current observations.</summary>
    ReadOnlySpan<float> Observations { get; }

    ReadOnlySpan<float> Rewards { get; }

    ReadOnlySpan<bool> Terminations { get; }

    ReadOnlySpan<bool> Truncations { get; }

    /// <summary>[NumEnvs × actions]: which actions each sub-environment allows now.</summary>
    ReadOnlySpan<bool> ActionMasks { get; }

    /// <summary>Last observation of the episodes that ended in the latest step (valid where done).</summary>
    ReadOnlySpan<float> FinalObservations { get; }

    /// <summary>Episodes that ended in the latest step.</summary>
    ReadOnlySpan<EpisodeSummary> FinishedEpisodes { get; }

    /// <summary>Resets sub-environment i with seed + i, as Gymnasium's vector reset does.</summary>
    void Reset(ulong seed);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Gymnasium's name for it; the library is C# only.")]
    void Step(ReadOnlySpan<int> actions);
}
