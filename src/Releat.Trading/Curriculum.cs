using Releat.Agents.Config;

namespace Releat.Trading;

/// <summary>
/// Episode lengths that grow as the agent improves: they start at the config's initial length and are multiplied by
/// its growth every <c>every_updates</c> PPO updates, up to the full episode length, and only while the mean episode
/// reward is at least <see cref="RewardThreshold"/> (when one is set). Shared by the environments of a run, which
/// read <see cref="EpisodeLength"/> when they start an episode; the run saves <see cref="EpisodeLength"/> with its checkpoints.
/// </summary>
public sealed class Curriculum
{
    private readonly CurriculumConfig _config;

    public Curriculum(CurriculumConfig config, int fullEpisodeLength, double? rewardThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (fullEpisodeLength < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(fullEpisodeLength), fullEpisodeLength, "environment.episode_length must be at least 2 decisions");
        }

        _config = config;
        FullEpisodeLength = fullEpisodeLength;
        RewardThreshold = rewardThreshold;
        EpisodeLength = config.Enabled ? Math.Clamp(config.InitialEpisodeLength, 2, fullEpisodeLength) : fullEpisodeLength;
    }

    /// <summary>A fixed episode length.</summary>
    public static Curriculum Fixed(int episodeLength) => new(CurriculumConfig.Off, episodeLength);

    public int FullEpisodeLength { get; }

    public double? RewardThreshold { get; }

    /// <summary>Decisions per episode for episodes starting now.</summary>
    public int EpisodeLength { get; private set; }

    /// <summary>Called after each PPO update; returns true when the episodes grew.</summary>
    public bool OnUpdate(int updatesDone, double meanEpisodeReward)
    {
        if (!_config.Enabled || EpisodeLength >= FullEpisodeLength || updatesDone <= 0 || updatesDone % Math.Max(1, _config.EveryUpdates) != 0)
        {
            return false;
        }

        if (RewardThreshold is double threshold && !(meanEpisodeReward >= threshold))
        {
            return false;
        }

        EpisodeLength = Math.Min(FullEpisodeLength, Math.Max(EpisodeLength + 1, (int)Math.Ceiling(EpisodeLength * _config.Growth)));
        return true;
    }

    /// <summary>Restores the length saved with a checkpoint.</summary>
    public void Restore(int episodeLength) => EpisodeLength = Math.Clamp(episodeLength, 2, FullEpisodeLength);
}
