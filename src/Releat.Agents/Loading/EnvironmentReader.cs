using Releat.Agents.Config;

namespace Releat.Agents.Loading;

/// <summary>Reads the environment section: actions, holding rules, costs, reward, episodes and closing rules.</summary>
internal static class EnvironmentReader
{
    public static EnvironmentConfig Read(YamlSection root)
    {
        YamlSection? section = root.Section("environment", required: true);
        if (section is null)
        {
            return new EnvironmentConfig(new ActionSpaceConfig(1), TimeSpan.Zero, TimeSpan.Zero, 1, 0, new RewardConfig(1, 1), 1,
                CurriculumConfig.Off, TimeSpan.Zero, TimeSpan.Zero);
        }

        ActionSpaceConfig actions = ReadActions(section);
        TimeSpan minHold = section.Duration("min_hold", TimeSpan.Zero);
        TimeSpan maxHold = section.PositiveDuration("max_hold", null);
        if (maxHold > TimeSpan.Zero && minHold > maxHold)
        {
            section.Error("min_hold", $"{DurationText.Format(minHold)} is longer than max_hold {DurationText.Format(maxHold)}");
        }

        double stopPips = section.PositiveDouble("stop_pips", null);
        double commissionPips = section.Double("commission_pips", 0, 0, 1000);
        RewardConfig reward = ReadReward(section);
        int episodeLength = section.Int("episode_length", null, 1, int.MaxValue);
        CurriculumConfig curriculum = ReadCurriculum(section, episodeLength);
        TimeSpan closeBeforeWeekend = section.Duration("close_before_weekend", TimeSpan.Zero);
        TimeSpan closeBeforeSessionEnd = section.Duration("close_before_session_end", TimeSpan.Zero);
        section.RejectUnknownKeys();
        return new EnvironmentConfig(actions, minHold, maxHold, stopPips, commissionPips, reward, episodeLength, curriculum,
            closeBeforeWeekend, closeBeforeSessionEnd);
    }

    private static ActionSpaceConfig ReadActions(YamlSection section)
    {
        YamlSection? actions = section.Section("actions", required: true);
        if (actions is null)
        {
            return new ActionSpaceConfig(1);
        }

        int maxUnits = actions.Int("max_units", null, 1, 100);
        actions.RejectUnknownKeys();
        return new ActionSpaceConfig(maxUnits);
    }

    private static RewardConfig ReadReward(YamlSection section)
    {
        YamlSection? reward = section.Section("reward", required: false);
        if (reward is null)
        {
            return new RewardConfig(1, 10);
        }

        double scaling = reward.PositiveDouble("scaling", 1);
        double clip = reward.PositiveDouble("clip", 10);
        reward.RejectUnknownKeys();
        return new RewardConfig(scaling, clip);
    }

    private static CurriculumConfig ReadCurriculum(YamlSection section, int episodeLength)
    {
        YamlSection? curriculum = section.Section("curriculum", required: false);
        if (curriculum is null)
        {
            return CurriculumConfig.Off;
        }

        bool enabled = curriculum.Bool("enabled", true);
        int initial = curriculum.Int("initial_episode_length", null, 1, int.MaxValue);
        if (initial > episodeLength && episodeLength > 0)
        {
            curriculum.Error("initial_episode_length", $"{initial} is longer than environment.episode_length {episodeLength}");
        }

        double growth = curriculum.Double("growth", 2, 1, 100);
        int every = curriculum.Int("every_updates", 10, 1, int.MaxValue);
        curriculum.RejectUnknownKeys();
        return new CurriculumConfig(enabled, initial, growth, every);
    }
}
