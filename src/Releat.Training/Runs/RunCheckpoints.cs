using Releat.Agents.Config;
using Releat.Learning.Checkpoints;
using Releat.Learning.Models;
using Releat.Learning.Ppo;
using Releat.Trading;
using Releat.Training.Evaluation;

namespace Releat.Training.Runs;

/// <summary>
/// Saving a run's checkpoints: PPO's files, the network spec, the effective config, the dataset's metadata (so the
/// signal service needs no dataset folder) and, written last so a half-saved folder never counts, run_state.json.
/// Each save can be judged by a greedy backtest on the validation split against the agent's deploy rule; the best
/// so far among those the rule lets trade is copied to checkpoints/best, so a run none of whose checkpoints beat flat
/// has no best. Old numbered checkpoints beyond the configured count are removed.
/// </summary>
internal sealed class RunCheckpoints
{
    private readonly TrainingRun _run;
    private readonly AgentConfig _config;
    private readonly DecisionTape _tape;
    private readonly Range _validationRows;
    private TradingAgentNetwork<float>? _judge;

    public RunCheckpoints(TrainingRun run, AgentConfig config, DecisionTape tape)
    {
        _run = run;
        _config = config;
        _tape = tape;
        _validationRows = tape.RowsIn(config.RawData.Split.Validation);
        Directory = run.Paths.Checkpoints(run.Options.RunName);
    }

    public string Directory { get; }

    public string? BestDirectory { get; private set; }

    public double? BestNetPips { get; private set; }

    /// <summary>How many checkpoints the run will judge on validation: the deploy rule's margin is raised for them.</summary>
    public int Judgements { get; set; } = 1;

    /// <summary>The verdict of the best checkpoint, else of the last one judged (null before any judgement).</summary>
    public DeploymentVerdict? Deployment { get; private set; }

    private long? BestSteps { get; set; }

    /// <summary>Refuses to resume onto a dataset other than the one the checkpoint was trained on.</summary>
    public RunState CheckResumable(string checkpoint)
    {
        RunState state = RunState.Read(checkpoint);
        Features.Store.IDataset dataset = _tape.Dataset;
        if (state.DatasetRows != dataset.Count || state.DatasetFirstMs != dataset.TimeMs(0) || state.DatasetLastMs != dataset.TimeMs(dataset.Count - 1))
        {
            throw new InvalidOperationException(
                $"{checkpoint} was trained on a dataset of {state.DatasetRows} rows; {_config.Id}'s dataset now has {dataset.Count}: restart the run or name another one");
        }

        return state;
    }

    public void RestoreBest(RunState state)
    {
        BestNetPips = state.BestValidationNetPips;
        BestSteps = state.BestValidationSteps;
        string best = Path.Combine(Directory, CheckpointCatalog.BestName);
        BestDirectory = System.IO.Directory.Exists(best) ? best : null;
        Deployment = BestDirectory is null ? state.Deployment : RunState.Read(BestDirectory).Deployment;
    }

    public string Save(PpoTrainer trainer, TradingAgentSpec spec, Curriculum curriculum)
    {
        string directory = Path.Combine(Directory, CheckpointCatalog.StepDirectoryName(trainer.GlobalStep));
        if (File.Exists(Path.Combine(directory, RunState.FileName)))
        {
            return directory;
        }

        PpoCheckpoint.Save(trainer, directory);
        AgentModel.SaveSpec(spec, directory);
        File.WriteAllText(Path.Combine(directory, TrainingRun.EffectiveConfigFile), _run.EffectiveYaml);
        CheckpointDataset.Save(_tape.Dataset.Metadata, directory);
        BacktestResult? judged = _run.Options.SelectOnValidation ? JudgeOnValidation(trainer.Agent, spec) : null;
        double? validation = judged?.NetPips;
        DeploymentVerdict verdict = judged is null
            ? DeploymentVerdict.Unjudged("not judged: the run has no validation split to judge it on")
            : DeploymentVerdict.Judge(judged, _config.Deploy, Judgements);
        bool best = verdict.Deployable && (BestNetPips is null || validation > BestNetPips);
        if (best)
        {
            BestNetPips = validation;
            BestSteps = trainer.GlobalStep;
        }

        if (best || BestDirectory is null)
        {
            Deployment = verdict;
        }

        RunState state = new()
        {
            AgentId = _config.Id,
            Steps = trainer.GlobalStep,
            EpisodeLength = curriculum.EpisodeLength,
            MeanEpisodeReward = trainer.RecentReturns.MeanOfLast(20),
            BestValidationNetPips = BestNetPips,
            BestValidationSteps = BestSteps,
            ValidationNetPips = validation,
            Deployment = verdict,
            DatasetRows = _tape.Count,
            DatasetFirstMs = _tape.TimeMs(0),
            DatasetLastMs = _tape.TimeMs(_tape.Count - 1),
            SavedUtc = DateTime.UtcNow,
        };
        state.Write(directory);
        if (best)
        {
            BestDirectory = CopyToBest(directory);
        }

        Prune();
        return directory;
    }

    /// <summary>The network acting greedily over the validation split (a copy of the weights; training is untouched).</summary>
    private BacktestResult? JudgeOnValidation(IActorCritic<float> trained, TradingAgentSpec spec)
    {
        if (_validationRows.GetOffsetAndLength(_tape.Count).Length < 2)
        {
            return null;
        }

        _judge ??= new TradingAgentNetwork<float>(spec, maxBatch: 1, seed: 0);
        trained.Parameters.Values.CopyTo(_judge.Parameters.GetValuesForWriting());
        return Backtest.Run(_tape, _config.Environment.Reward, _validationRows, new NetworkPolicy(_judge));
    }

    private string CopyToBest(string directory)
    {
        string best = Path.Combine(Directory, CheckpointCatalog.BestName);
        string staging = best + ".partial";
        if (System.IO.Directory.Exists(staging))
        {
            System.IO.Directory.Delete(staging, recursive: true);
        }

        System.IO.Directory.CreateDirectory(staging);
        foreach (string file in System.IO.Directory.EnumerateFiles(directory))
        {
            File.Copy(file, Path.Combine(staging, Path.GetFileName(file)));
        }

        if (System.IO.Directory.Exists(best))
        {
            System.IO.Directory.Delete(best, recursive: true);
        }

        System.IO.Directory.Move(staging, best);
        return best;
    }

    private void Prune()
    {
        IReadOnlyList<(long Steps, string Path)> numbered = CheckpointCatalog.Numbered(Directory);
        for (int i = 0; i < numbered.Count - Math.Max(1, _run.Options.KeepCheckpoints); i++)
        {
            System.IO.Directory.Delete(numbered[i].Path, recursive: true);
        }
    }
}
