namespace Releat.Agents.Config;

/// <summary>
/// Start with short episodes and grow them: the episode length begins at <see cref="InitialEpisodeLength"/>
/// decisions and is multiplied by <see cref="Growth"/> every <see cref="EveryUpdates"/> PPO updates until it reaches
/// the environment's episode length.
/// </summary>
public sealed record CurriculumConfig(bool Enabled, int InitialEpisodeLength, double Growth, int EveryUpdates)
{
    public static CurriculumConfig Off { get; } = new(false, 0, 1, 1);
}
