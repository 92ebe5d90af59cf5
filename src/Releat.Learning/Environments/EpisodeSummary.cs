namespace Releat.Learning.Environments;

/// <summary>A finished episode as RecordEpisodeStatistics reports it: which sub-environment, total reward, length.</summary>
public readonly record struct EpisodeSummary(int EnvIndex, double Return, int Length);
