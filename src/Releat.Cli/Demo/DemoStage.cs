namespace Releat.Cli.Demo;

/// <summary>One step of the demo's path and what it reported, for the closing summary.</summary>
internal sealed record DemoStage(string Name, bool Done, string Outcome, TimeSpan Elapsed);
