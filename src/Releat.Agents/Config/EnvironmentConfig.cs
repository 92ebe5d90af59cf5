namespace Releat.Agents.Config;

/// <summary>
/// The trading environment the agent learns in: its actions, holding rules, costs, reward shaping, episodes and
/// the closing rules around weekends and sessions. Pips are the traded symbol's pips.
/// </summary>
public sealed record EnvironmentConfig(
    ActionSpaceConfig Actions,
    TimeSpan MinHold,
    TimeSpan MaxHold,
    double StopPips,
    double CommissionPips,
    RewardConfig Reward,
    int EpisodeLength,
    CurriculumConfig Curriculum,
    TimeSpan CloseBeforeWeekend,
    TimeSpan CloseBeforeSessionEnd);
