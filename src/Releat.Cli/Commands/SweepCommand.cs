using System.CommandLine;
using System.Globalization;
using Releat.Agents;
using Releat.Features;
using Releat.Training.Sweeps;
using Spectre.Console;

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
        var command = new Command("sweep", "Search config values by grid or random trials, in parallel here or one trial per pod.")
        {
            agent, trials, parallel, grid, random, set, trial, name, steps, seed,
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
                parse.GetValue(parallel), parse.GetValue(name)!, parse.GetValue(steps), parse.GetValue(trial), cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string agentId, string[] sets, int trials, bool grid, ulong seed, int parallel, string name, long? steps, int? onlyTrial, CancellationToken cancellation)
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
            if (onlyTrial is int k)
            {
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(agentId)}[/]: sweep {Markup.Escape(name)}, trial {k} of {plan.Count}");
                await runner.RunTrialAsync(k, progress, cancellation).ConfigureAwait(false);
                results = SweepTable.Collect(runner.Directory);
            }
            else
            {
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(agentId)}[/]: sweep {Markup.Escape(name)}, {plan.Count} trials, {parallel} at a time");
                results = await runner.RunAllAsync(new InlineProgress<SweepProgress>(p =>
                {
                    if (p.Training.Stage is Training.TrainingStage.Completed or Training.TrainingStage.Stopped)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {p.Trial}: {p.Training.Stage} at {p.Training.Steps:N0} steps"));
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

        Print(results);
        Console.WriteLine($"table: {Path.Combine(runner.Directory, SweepTable.FileName)}");
        return 0;
    }

    private static void Print(IReadOnlyList<SweepTrialResult> results)
    {
        string[] paths = [.. results.SelectMany(r => r.Overrides.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var table = new Table().Title("trials by validation net pips");
        table.AddColumn("trial");
        foreach (string path in paths)
        {
            table.AddColumn(Markup.Escape(path));
        }

        foreach (string column in new[] { "steps", "mean reward", "val. net pips", "val. Sharpe", "val. max DD", "val. trades" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (SweepTrialResult r in results.OrderByDescending(r => r.ValidationNetPips))
        {
            var cells = new List<string> { r.Trial.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(paths.Select(p => Markup.Escape(r.Overrides.TryGetValue(p, out string? v) ? v : "")));
            cells.AddRange([
                r.Steps.ToString("N0", CultureInfo.InvariantCulture), r.MeanEpisodeReward.ToString("F3", CultureInfo.InvariantCulture),
                r.ValidationNetPips.ToString("N1", CultureInfo.InvariantCulture), r.ValidationSharpe.ToString("N2", CultureInfo.InvariantCulture),
                r.ValidationMaxDrawdownPips.ToString("N1", CultureInfo.InvariantCulture), r.ValidationTrades.ToString(CultureInfo.InvariantCulture)]);
            table.AddRow([.. cells]);
        }

        AnsiConsole.Write(table);
    }
}
