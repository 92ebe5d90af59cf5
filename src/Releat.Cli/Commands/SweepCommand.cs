using System.CommandLine;
using System.Globalization;
using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.Training.Sweeps;
using Releat.Cli.Output;

namespace Releat.Cli.Commands;

/// <summary>
/// `releat sweep &lt;agent&gt; --trials N [--parallel P] [--grid|--random] [--set path=v1,v2 ...] [--trial K]`: a search over
/// config values. Without --trial every trial runs here, P at a time; with --trial K only trial K runs (a Kubernetes
/// indexed Job passes $(JOB_COMPLETION_INDEX)). Either way the results table gathers every finished trial.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var agent = new Argument<string>("agent") { Description = "Agent id: agents/<id>/agent.yaml." };
        var trials = new Option<int>("--trials") { Description = "Number of trials (a grid stops at its size).", DefaultValueFactory = _ => 8 };
        var parallel = new Option<int>("--parallel") { Description = "Trials trained at once on this machine.", DefaultValueFactory = _ => 1 };
        var grid = new Option<bool>("--grid") { Description = "Walk the grid of all combinations in order." };
        var random = new Option<bool>("--random") { Description = "Draw each trial's values at random (seeded; the default)." };
        var set = new Option<string[]>("--set") { Description = "Values to try: --set training.learning_rate=1e-4,3e-4 (repeatable).", AllowMultipleArgumentsPerToken = true };
        var trial = new Option<int?>("--trial") { Description = "Run only this trial (0-based), e.g. $(JOB_COMPLETION_INDEX) in an indexed Job." };
        var name = new Option<string>("--name") { Description = "Sweep name (folder agents/<id>/sweeps/<name>/).", DefaultValueFactory = _ => "sweep" };
        var steps = new Option<long?>("--steps") { Description = "Environment steps per trial (default: training.total_timesteps)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random search.", DefaultValueFactory = _ => 1 };
        var json = JsonOption.Create();
        var command = new Command("sweep", "Search config values by grid or random trials, in parallel here or one trial per pod.")
        {
            agent, trials, parallel, grid, random, set, trial, name, steps, seed, json,
        };
        command.SetAction((parse, cancellation) =>
        {
            if (parse.GetValue(grid) && parse.GetValue(random))
            {
                Console.Error.WriteLine("releat sweep: choose --grid or --random, not both");
                return Task.FromResult(2);
            }

            return RunAsync(
                parse.GetValue(agent)!, parse.GetValue(set) ?? [], parse.GetValue(trials), parse.GetValue(grid), parse.GetValue(seed),
                parse.GetValue(parallel), parse.GetValue(name)!, parse.GetValue(steps), parse.GetValue(trial), parse.GetValue(json), cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string agentId, string[] sets, int trials, bool grid, ulong seed, int parallel, string name, long? steps, int? onlyTrial, bool json, CancellationToken cancellation)
    {
        IReadOnlyList<SweepTrialResult> results;
        SweepRunner runner;
        try
        {
            if (sets.Length == 0)
            {
                throw new ArgumentException("name at least one value to vary: --set training.learning_rate=1e-4,3e-4");
            }

            var plan = new SweepPlan([.. sets.Select(SweepParameter.Parse)], trials, grid, seed);
            runner = new SweepRunner(new SweepOptions { AgentId = agentId, Plan = plan, Home = ReleatHome.Path, Name = name, Parallel = parallel, TotalTimesteps = steps }, new FeatureRegistry());
            var progress = new InlineProgress<SweepProgress>(p => { });
            // With --json, standard output holds only the JSON document: what happens along the way goes to standard error.
            TextWriter say = json ? Console.Error : Console.Out;
            if (onlyTrial is int k)
            {
                say.WriteLine($"{agentId}: sweep {name}, trial {k} of {plan.Count}");
                await runner.RunTrialAsync(k, progress, cancellation).ConfigureAwait(false);
                results = SweepTable.Collect(runner.Directory);
            }
            else
            {
                say.WriteLine($"{agentId}: sweep {name}, {plan.Count} trials, {parallel} at a time");
                results = await runner.RunAllAsync(new InlineProgress<SweepProgress>(p =>
                {
                    if (p.Training.Stage is Training.Runs.TrainingStage.Completed or Training.Runs.TrainingStage.Stopped)
                    {
                        say.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {p.Trial}: {p.Training.Stage} at {p.Training.Steps:N0} steps"));
                    }
                }), cancellation).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is AgentConfigException or FileNotFoundException or ArgumentException or InvalidOperationException
            or InvalidDataException or NotSupportedException)
        {
            Console.Error.WriteLine($"releat sweep: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("releat sweep: stopped; finished trials are kept and are not run again");
            return 130;
        }

        if (json)
        {
            JsonOutput.Write(results.OrderByDescending(r => r.ValidationNetPips).Select(r => r.Rounded()));
            return 0;
        }

        Print(results);
        Console.WriteLine($"table: {DisplayPath.Of(Path.Combine(runner.Directory, SweepTable.FileName))}");
        return 0;
    }

    /// <summary>
    /// Trials best first. A swept path is headed by its last name (learning_rate); at a narrow width the columns
    /// that matter least go first (results.csv has them all).
    /// </summary>
    private static void Print(IReadOnlyList<SweepTrialResult> results)
    {
        string[] paths = [.. results.SelectMany(r => r.Overrides.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var table = new TextTable().Column("trial", keep: 9);
        foreach (string path in paths)
        {
            table.Column(path[(path.LastIndexOf('.') + 1)..], right: false, keep: 8);
        }

        table.Column("steps", keep: 3).Column("reward", keep: 4).Column("val pips", keep: 9).Column("Sharpe", keep: 6)
            .Column("max DD", keep: 5).Column("trades", keep: 2);
        foreach (SweepTrialResult r in results.OrderByDescending(r => r.ValidationNetPips))
        {
            var cells = new List<string> { r.Trial.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(paths.Select(p => r.Overrides.TryGetValue(p, out string? v) ? v : ""));
            cells.AddRange([
                r.Steps.ToString("N0", CultureInfo.InvariantCulture), r.MeanEpisodeReward.ToString("F3", CultureInfo.InvariantCulture),
                r.ValidationNetPips.ToString("0.0", CultureInfo.InvariantCulture), r.ValidationSharpe.ToString("0.00", CultureInfo.InvariantCulture),
                r.ValidationMaxDrawdownPips.ToString("0.0", CultureInfo.InvariantCulture), r.ValidationTrades.ToString(CultureInfo.InvariantCulture)]);
            table.Row([.. cells]);
        }

        Console.WriteLine("trials by validation net pips");
        table.WriteTo(Console.Out, Terminal.Width);
    }
}
