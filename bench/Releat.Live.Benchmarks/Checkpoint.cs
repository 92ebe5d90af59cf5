using Releat.Training.Runs;

namespace Releat.Live.Benchmarks;

internal static class Checkpoint
{
    /// <summary>The demo agent's preferred checkpoint under <paramref name="home"/> (best on validation, else latest).</summary>
    public static string Of(string home) =>
        CheckpointCatalog.Preferred(new AgentPaths(home, DemoAgent.Id), AgentPaths.DefaultRun)
            ?? throw new InvalidOperationException($"no checkpoint of {DemoAgent.Id} under {home}");
}
