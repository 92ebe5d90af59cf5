namespace Releat.Training.WalkForward;

/// <summary>A finished walk-forward: its summary and the files written for it.</summary>
public sealed record WalkForwardFiles(WalkForwardSummary Summary, string JsonPath, string HtmlPath);
