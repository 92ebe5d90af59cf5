using System.CommandLine;
using System.Globalization;
using Releat.Agents.Loading;
using Releat.Features.Building;
using Releat.Features.Registry;
using Releat.Trading;
using Releat.Cli.Output;
using Releat.Training.Runs;

namespace Releat.Cli.Commands;

/// <summary>
/// `releat train &lt;agent&gt; [--steps N] [--restart] [--seed S]`: PPO on the agent's dataset (built first if missing),
/// resuming the run's latest checkpoint; Ctrl+C stops after the current update and writes a final checkpoint.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var agent = new Argument<string>("agent") { Description = "Agent id: agents/<id>/agent.yaml." };
        var steps = new Option<long?>("--steps") { Description = "Total environment steps (default: training.total_timesteps)." };
        var restart = new Option<bool>("--restart") { Description = "Start the run from scratch instead of resuming its latest checkpoint." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed for every random choice of the run (default: training.seed)." };
        var run = new Option<string>("--run") { Description = "Run name under agents/<id>/runs/.", DefaultValueFactory = _ => AgentPaths.DefaultRun };
        var set = new Option<string[]>("--set") { Description = "Override a config value: --set training.learning_rate=1e-4 (repeatable).", AllowMultipleArgumentsPerToken = true };
        var markToMarket = new Option<bool>("--mark-to-market") { Description = "Reward every step with the change in marked P&L instead of only at the close." };
        var workers = new Option<int?>("--workers") { Description = "Threads per minibatch gradient, 1 or 2 (default: training.gradient_workers)." };
        var repeatPoor = new Option<double>("--repeat-poor") { Description = "Probability that an episode replays the start of a recent poor one (0: off)." };
        var threshold = new Option<double?>("--curriculum-threshold") { Description = "Grow curriculum episodes only while the mean episode reward is at least this." };
        var json = JsonOption.Create();
        var command = new Command("train", "Train an agent with PPO; curves, CSV and checkpoints go to RELEAT_HOME/agents/<id>/runs/<run>/.")
        {
            agent, steps, restart, seed, run, set, markToMarket, workers, repeatPoor, threshold, json,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new TrainingRunOptions
            {
                AgentId = parse.GetValue(agent)!,
                Home = ReleatHome.Path,
                RunName = parse.GetValue(run)!,
                TotalTimesteps = parse.GetValue(steps),
                Seed = parse.GetValue(seed),
                Restart = parse.GetValue(restart),
                GradientWorkers = parse.GetValue(workers),
                Environment = new TradingEnvironmentOptions
                {
                    MarkToMarketReward = parse.GetValue(markToMarket),
                    RepeatPoorEpisodes = parse.GetValue(repeatPoor),
                },
                CurriculumRewardThreshold = parse.GetValue(threshold),
            },
            parse.GetValue(set) ?? [],
            parse.GetValue(json),
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(TrainingRunOptions options, string[] assignments, bool json, CancellationToken cancellation)
    {
        TrainingResult? result = null;
        try
        {
            options = options with { Overrides = ConfigOverrides.Parse(assignments) };
            var run = new TrainingRun(options, new FeatureRegistry());
            await ProgressDisplay.RunAsync($"{options.AgentId}: loading", json, async line =>
            {
                var progress = new InlineProgress<TrainingProgress>(p => Show(line, options.AgentId, p));
                result = await run.RunAsync(progress, cancellation).ConfigureAwait(false);
            }, showRemaining: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AgentConfigException or FileNotFoundException or ArgumentException or InvalidOperationException
            or InvalidDataException or NotSupportedException)
        {
            Console.Error.WriteLine($"releat train: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("releat train: cancelled before training started; nothing was written");
            return 130;
        }

        if (json)
        {
            JsonOutput.Write(TrainingSummary.Of(result!));
        }
        else
        {
            Print(result!);
        }

        return result!.Stage == TrainingStage.Completed ? 0 : 130;
    }

    private static void Print(TrainingResult result)
    {
        int width = Terminal.Width;
        TextWrap.WriteTo(Console.Out, string.Create(CultureInfo.InvariantCulture,
            $"{result.AgentId}: {(result.Stage == TrainingStage.Completed ? "completed" : "stopped")} at {result.Steps:N0} of {result.TotalSteps:N0} steps " +
            $"in {result.Elapsed.TotalMinutes:F1} min; mean episode reward {result.MeanEpisodeReward:F3}"), width);
        Console.WriteLine($"checkpoint: {DisplayPath.Of(result.FinalCheckpoint)}");
        if (result.BestCheckpoint is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best on validation ({result.BestValidationNetPips:F1} pips): {DisplayPath.Of(result.BestCheckpoint)}"));
        }

        TextWrap.WriteTo(Console.Out, result.Deployment switch
        {
            { Deployable: true } d => $"deployable: yes, because {d.Reason}",
            { } d => $"deployable: no, because {d.Reason}; the signal service keeps {result.AgentId} flat",
            null => "deployable: no, because no checkpoint was judged on validation",
        }, width);
        Console.WriteLine($"curves: tensorboard --logdir {DisplayPath.Of(result.RunDirectory)}");
    }

    private static void Show(IProgressLine line, string agentId, TrainingProgress p)
    {
        switch (p.Stage)
        {
            case TrainingStage.BuildingDataset when p.Build is BuildProgress build:
                line.Update($"{agentId}: building the dataset, {build.StageText}", 0, 1);
                break;
            case TrainingStage.Training or TrainingStage.Completed or TrainingStage.Stopped when p.TotalSteps > 0:
                line.Update(string.Create(CultureInfo.InvariantCulture,
                    $"{agentId}: {p.Steps:N0}/{p.TotalSteps:N0} steps, {p.StepsPerSecond:N0}/s, reward {p.MeanEpisodeReward:F3}"), p.Steps, p.TotalSteps);
                break;
        }
    }
}
