using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Features.Transforms;
using Releat.Learning.Models;
using Releat.Trading;
using Releat.Training.Runs;

namespace Releat.Signal.Core.Policy;

/// <summary>
/// One loaded checkpoint, ready to decide live: its network, the config it was trained with, the execution rules and
/// actions of that config, and its dataset's metadata (columns, decision grid, fitted transforms). A decision builds
/// the observation and action mask exactly as the training environment does (<see cref="AgentObservation"/>, with
/// final = false) and picks the most probable allowed action exactly as backtests do (<see cref="GreedyPolicy"/>),
/// so a live decision equals the backtest's for the same row and position. Deciding allocates nothing; one decision
/// thread uses a policy at a time.
/// </summary>
public sealed class AgentPolicy
{
    private readonly GreedyPolicy _greedy;
    private readonly ObservationTransform _transform;
    private readonly float[] _observation;
    private readonly bool[] _mask;

    /// <param name="checkpointId">How <see cref="CheckpointCatalog.IdOf"/> names it ("main/best").</param>
    /// <param name="config">The config the checkpoint was trained with.</param>
    /// <param name="dataset">The metadata of the dataset it was trained on.</param>
    /// <param name="network">Its trained network.</param>
    /// <param name="source">The checkpoint folder (or any name for errors about it).</param>
    /// <exception cref="InvalidDataException">The network, config and dataset do not belong together.</exception>
    public AgentPolicy(string checkpointId, AgentConfig config, DatasetMetadata dataset, TradingAgentNetwork<float> network, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointId);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(network);
        CheckpointId = checkpointId;
        Source = source;
        Config = config;
        Dataset = dataset;
        Network = network;
        Rules = PositionRules.For(config);
        Inputs = new AgentObservation(Rules, dataset.AgentStateColumns, dataset.Width);
        CheckBelongTogether();
        _greedy = new GreedyPolicy(network);
        _transform = new ObservationTransform(dataset.Transforms);
        _observation = new float[Inputs.Size];
        _mask = new bool[Actions.Count];
    }

    public string CheckpointId { get; }

    /// <summary>The checkpoint folder it was loaded from.</summary>
    public string Source { get; }

    public AgentConfig Config { get; }

    public string AgentId => Config.Id;

    public DatasetMetadata Dataset { get; }

    public TradingAgentNetwork<float> Network { get; }

    public PositionRules Rules { get; }

    public ActionTable Actions => Rules.Actions;

    /// <summary>How market columns and a position become the observation and mask.</summary>
    public AgentObservation Inputs { get; }

    /// <summary>The observation of the last decision (market columns then position features).</summary>
    public ReadOnlySpan<float> LastObservation => _observation;

    /// <summary>The action mask of the last decision (true = allowed).</summary>
    public ReadOnlySpan<bool> LastMask => _mask;

    /// <summary>
    /// Loads a complete checkpoint folder: the network (spec.json, model.safetensors), the config it was trained with
    /// (agent_config.yaml, else <paramref name="fallbackConfig"/>) and its dataset metadata (dataset.json, else the
    /// feature store under <paramref name="home"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">A file is missing or unreadable, or the parts do not belong together.</exception>
    public static AgentPolicy Load(
        string checkpointDirectory, string checkpointId, string home, AgentConfig? fallbackConfig = null, FeatureRegistry? registry = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointDirectory);
        string effective = Path.Combine(checkpointDirectory, TrainingRun.EffectiveConfigFile);
        AgentConfig config = File.Exists(effective)
            ? new AgentConfigLoader(registry ?? new FeatureRegistry()).Parse(File.ReadAllText(effective), effective)
            : fallbackConfig ?? throw new InvalidDataException($"{effective}: missing, and no agent.yaml was given to fall back on");
        DatasetMetadata dataset = CheckpointDataset.Load(checkpointDirectory, home);
        TradingAgentNetwork<float> network = AgentModel.LoadNetwork(checkpointDirectory);
        return new AgentPolicy(checkpointId, config, dataset, network, checkpointDirectory);
    }

    /// <summary>The checkpoint's fitted transforms over a raw observation from the feature engine.</summary>
    public void TransformMarket(ReadOnlySpan<float> raw, Span<float> market) => _transform.Apply(raw, market);

    /// <summary>
    /// Decides at <paramref name="decisionTimeMs"/> for <paramref name="position"/>: writes the observation and mask
    /// the environment would build for that row and position, runs the network and writes the greedy choice.
    /// </summary>
    /// <param name="market">The decision's market columns, transformed (<see cref="TransformMarket"/>, or a dataset row).</param>
    /// <param name="openPips">The position's open pips per unit at the previous window (<see cref="AgentObservation.OpenPips"/>).</param>
    public void Decide(ReadOnlySpan<float> market, long decisionTimeMs, in AgentPosition position, double openPips, PolicyChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (choice.ActionCount != Actions.Count)
        {
            throw new ArgumentException($"a choice of {choice.ActionCount} actions for {CheckpointId}'s {Actions.Count}", nameof(choice));
        }

        ClockStatus status = Rules.StatusAt(decisionTimeMs);
        ulong allowed = Inputs.Write(market, position, openPips, decisionTimeMs, status, finalDecision: false, _observation, out ExitReason forcedExit);
        PositionRules.WriteMask(allowed, _mask);
        int action = _greedy.Choose(_observation, _mask);
        choice.Set(action, _greedy.LogProbabilities, _greedy.Value, allowed, forcedExit);
    }

    /// <summary>
    /// Refuses to decide on features this checkpoint was not trained on: the live plan must have the dataset's columns
    /// and decision grid, and be the same agent and traded symbol.
    /// </summary>
    /// <exception cref="InvalidDataException">Naming the checkpoint and the first difference.</exception>
    public void CheckFits(FeaturePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!string.Equals(plan.Config.Id, AgentId, StringComparison.Ordinal) || !string.Equals(plan.Config.TradedSymbol, Dataset.TradedSymbol, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"{Source}: a checkpoint of {AgentId} trading {Dataset.TradedSymbol}, not of {plan.Config.Id} trading {plan.Config.TradedSymbol}");
        }

        if (!plan.Layout.Names.SequenceEqual(Dataset.Columns, StringComparer.Ordinal)
            || !plan.Layout.AgentStateNames.SequenceEqual(Dataset.AgentStateColumns, StringComparer.Ordinal))
        {
            int column = plan.Layout.Names.Zip(Dataset.Columns).TakeWhile(p => string.Equals(p.First, p.Second, StringComparison.Ordinal)).Count();
            throw new InvalidDataException(
                $"{Source}: trained on {Dataset.Width} columns, the live features have {plan.Layout.Width} (first difference at column {column}); " +
                "a checkpoint of another feature layout cannot be swapped in: restart the signal service");
        }

        if (plan.DecisionStepMs != Dataset.DecisionStepMs || plan.TimeOffsetMs != Dataset.TimeOffsetMs)
        {
            throw new InvalidDataException(
                $"{Source}: trained on decisions every {Dataset.DecisionStepMs} ms at offset {Dataset.TimeOffsetMs} ms, the live grid is " +
                $"{plan.DecisionStepMs} ms at {plan.TimeOffsetMs} ms");
        }
    }

    private void CheckBelongTogether()
    {
        if (!string.Equals(Dataset.AgentId, Config.Id, StringComparison.Ordinal) || !string.Equals(Dataset.TradedSymbol, Config.TradedSymbol, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"{Source}: config of {Config.Id} ({Config.TradedSymbol}) with the dataset of {Dataset.AgentId} ({Dataset.TradedSymbol})");
        }

        TradingAgentSpec spec = Network.Spec;
        IReadOnlyList<int> variables = AgentModel.VariableSizes(Dataset);
        if (spec.ObservationSize != Inputs.Size || spec.ActionCount != Actions.Count || !spec.VariableSizes.SequenceEqual(variables))
        {
            throw new InvalidDataException(
                $"{Path.Combine(Source, AgentModel.SpecFile)}: a network of {spec.ObservationSize} inputs in variables [{string.Join(", ", spec.VariableSizes)}] " +
                $"and {spec.ActionCount} actions; the dataset and config give {Inputs.Size} inputs in [{string.Join(", ", variables)}] and {Actions.Count} actions");
        }
    }
}
