using Releat.Testing;
using Releat.Training.Runs;
using Releat.Training.Sweeps;

namespace Releat.Trading.Tests;

public sealed class SweepTests : IClassFixture<TrainingRunTests.SmallMarket>
{
    private static readonly Dictionary<string, string> Small = new()
    {
        ["training.num_envs"] = "2",
        ["training.num_steps"] = "64",
        ["training.num_minibatches"] = "2",
        ["training.update_epochs"] = "2",
    };

    private readonly TrainingRunTests.SmallMarket _market;

    public SweepTests(TrainingRunTests.SmallMarket market) => _market = market;

    [Fact]
    public void Values_split_at_commas_outside_brackets()
    {
        Assert.Equal(new[] { "1e-4", "3e-4" }, SweepParameter.Parse("training.learning_rate=1e-4,3e-4").Values);
        SweepParameter hidden = SweepParameter.Parse("model.actor.hidden=[32, 32],[64]");
        Assert.Equal("model.actor.hidden", hidden.Path);
        Assert.Equal(new[] { "[32, 32]", "[64]" }, hidden.Values);
        Assert.Throws<ArgumentException>(() => SweepParameter.Parse("training.learning_rate"));
    }

    [Fact]
    public void A_grid_walks_the_product_in_order_and_random_trials_depend_only_on_their_index()
    {
        SweepParameter[] parameters = [SweepParameter.Parse("a.x=1,2,3"), SweepParameter.Parse("a.y=p,q")];
        var grid = new SweepPlan(parameters, TrialCount: 100, Grid: true);
        Assert.Equal(6, grid.Count);
        Assert.Equal(
            ["1p", "1q", "2p", "2q", "3p", "3q"],
            grid.Trials().Select(t => t.Overrides["a.x"] + t.Overrides["a.y"]));

        var random = new SweepPlan(parameters, TrialCount: 40, Grid: false, Seed: 9);
        Assert.Equal(40, random.Count);
        Assert.Equal(random.Trial(17).Overrides, new SweepPlan(parameters, 18, false, Seed: 9).Trial(17).Overrides);
        Assert.True(random.Trials().Select(t => t.Overrides["a.x"] + t.Overrides["a.y"]).Distinct().Count() == 6);
    }

    [Fact]
    public async Task Trials_run_in_parallel_and_alone_and_land_in_one_table()
    {
        var parameters = new List<SweepParameter> { SweepParameter.Parse("training.learning_rate=1e-3,3e-4,1e-4") };
        parameters.AddRange(Small.Select(p => new SweepParameter(p.Key, [p.Value])));
        var plan = new SweepPlan(parameters, TrialCount: 3, Grid: true);
        SweepOptions Options(string name) => new()
        {
            AgentId = "learner",
            ConfigPath = _market.Config,
            Home = _market.Home.Path,
            Name = name,
            Plan = plan,
            Parallel = 2,
            TotalTimesteps = 512,
        };

        // One trial alone, as a pod of an indexed Job would run it, then the rest in parallel.
        var runner = new SweepRunner(Options("grid"));
        SweepTrialResult alone = await runner.RunTrialAsync(2).WithTimeout(TimeSpan.FromMinutes(5));

        // Trials 0 and 1 are left. At its first training update each waits for the other to reach one too: run one
        // after the other, the first would wait in vain; run side by side, both arrive while the other trains.
        var training = new HashSet<int>();
        var waits = new List<bool>();
        using var bothTraining = new ManualResetEventSlim();
        var meet = new InlineProgress<SweepProgress>(p =>
        {
            lock (training)
            {
                if (p.Training.Stage != TrainingStage.Training || !training.Add(p.Trial))
                {
                    return;
                }

                if (training.Count == 2)
                {
                    bothTraining.Set();
                }
            }

            bool met = bothTraining.Wait(TimeSpan.FromSeconds(60));
            lock (waits)
            {
                waits.Add(met);
            }
        });
        IReadOnlyList<SweepTrialResult> all = await runner.RunAllAsync(meet).WithTimeout(TimeSpan.FromMinutes(5));

        Assert.Equal([true, true], waits);
        Assert.Equal([0, 1, 2], all.Select(r => r.Trial));
        Assert.Equal("1e-4", alone.Overrides["training.learning_rate"]);
        // The trial that ran alone is read back from its file, whose figures are rounded as reports hold them.
        Assert.Equal(alone.Rounded(), all[2].Rounded() with { Overrides = alone.Overrides });
        Assert.All(all, r => Assert.Equal(512, r.Steps));
        string[] csv = File.ReadAllLines(Path.Combine(runner.Directory, SweepTable.FileName));
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("trial,training.learning_rate,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith("1,3e-4,", csv[2], StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_market.Home.Path, "agents", "learner", "runs", "sweep-grid", "trial-1", "checkpoints")));
    }
}
