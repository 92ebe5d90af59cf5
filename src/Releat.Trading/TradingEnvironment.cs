using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Features.Store;
using Releat.Learning.Environments;
using Releat.Learning.Numerics;

namespace Releat.Trading;

/// <summary>
/// The market an agent learns in: each step is one decision of the dataset. The agent sees the row's observation
/// and its own position, picks an allowed action, and the action fills in the execution window after the decision
/// (<see cref="Fills"/>); a position opened earlier is stopped out within the window when the price reaches the stop.
/// The reward is paid when a position closes: (pips − commission) × units, scaled and clipped as configured (or
/// per step, marked to market, by option). Masks and forced closes come from <see cref="PositionRules"/>, the same
/// rules the live trader applies. Episodes start at seeded random rows of a period and last the curriculum's length;
/// the last decision of an episode may only close. Nothing is allocated per step.
/// </summary>
public sealed partial class TradingEnvironment : IEnvironment, ICheckpointableEnvironment
{
    private readonly DecisionTape _tape;
    private readonly IDataset _dataset;
    private readonly PositionRules _rules;
    private readonly ActionTable _actions;
    private readonly Curriculum _curriculum;
    private readonly TradingEnvironmentOptions _options;
    private readonly SeededRandom _random;
    private readonly PoorEpisodeMemory _poorEpisodes = new();
    private readonly int _periodStart;
    private readonly int _periodEnd;
    private readonly double _rewardScaling;
    private readonly double _rewardClip;
    private int _row;
    private int _episodeStart;
    private int _episodeEnd;
    private AgentPosition _position;
    private double _realisedPips;
    private double _markedPips;
    private double _episodeReward;
    private ulong _allowed;
    private ExitReason _forcedExit;

    /// <param name="tape">The dataset with its rules (shared by all environments of a run).</param>
    /// <param name="reward">environment.reward: pips × scaling, clipped to ±clip.</param>
    /// <param name="period">The rows episodes may use, e.g. <c>tape.RowsIn(split.Train)</c>.</param>
    /// <param name="curriculum">The episode length schedule (shared by the run's environments).</param>
    public TradingEnvironment(
        DecisionTape tape, RewardConfig reward, Range period, Curriculum curriculum, TradingEnvironmentOptions? options = null, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(reward);
        ArgumentNullException.ThrowIfNull(curriculum);
        (int start, int length) = period.GetOffsetAndLength(tape.Count);
        if (length < 2)
        {
            throw new ArgumentException($"the period {period} holds {length} decisions of {tape.Dataset.Metadata.AgentId}'s dataset; episodes need at least 2", nameof(period));
        }

        _tape = tape;
        _dataset = tape.Dataset;
        _rules = tape.Rules;
        _actions = tape.Actions;
        _curriculum = curriculum;
        _options = options ?? new TradingEnvironmentOptions();
        _random = new SeededRandom(seed);
        _periodStart = start;
        _periodEnd = start + length;
        _rewardScaling = reward.Scaling;
        _rewardClip = reward.Clip > 0 ? reward.Clip : double.PositiveInfinity;
        ObservationSpace = new BoxSpace([tape.ObservationSize]);
        ActionSpace = new DiscreteSpace(_actions.Count);
    }

    public BoxSpace ObservationSpace { get; }

    public DiscreteSpace ActionSpace { get; }

    public bool HasActionMask => true;

    public DecisionTape Tape => _tape;

    /// <summary>When set, every closed trade is appended here (backtests; allocates per trade, not per step).</summary>
    public List<TradeRecord>? TradeLog { get; set; }

    /// <summary>The row of the current decision (the one the next action applies to).</summary>
    public int Row => _row;

    public long TimeMs => _dataset.TimeMs(Math.Min(_row, _dataset.Count - 1));

    public AgentPosition Position => _position;

    /// <summary>The allowed actions at the current decision as bits (bit i = action i).</summary>
    public ulong AllowedActions => _allowed;

    /// <summary>Why the current decision may only close, or <see cref="ExitReason.None"/>.</summary>
    public ExitReason ForcedExit => _forcedExit;

    /// <summary>Net pips realised since the episode started, commission included.</summary>
    public double RealisedPips => _realisedPips;

    /// <summary>Realised plus the open position marked at the last execution window: the episode's equity in pips.</summary>
    public double EquityPips => _realisedPips + _markedPips;

    public int EpisodeStart => _episodeStart;

    public int EpisodeEnd => _episodeEnd;

    public void Reset(ulong seed, Span<float> observation)
    {
        _random.Reseed(seed);
        Reset(observation);
    }

    /// <summary>Starts an episode at a random row of the period (or a replayed poor start), as long as the curriculum says.</summary>
    public void Reset(Span<float> observation)
    {
        int length = Math.Min(_curriculum.EpisodeLength, _periodEnd - _periodStart);
        if (!_poorEpisodes.TryReplay(_random, _options.RepeatPoorEpisodes, out int start) || start + 2 > _periodEnd)
        {
            start = _periodStart + _random.NextInt(_periodEnd - _periodStart - 1);
        }

        StartEpisodeAt(start, Math.Min(start + length, _periodEnd), observation);
    }

    /// <summary>Starts an episode over rows [start, end) of the dataset, flat (backtests walk a whole period this way).</summary>
    public void StartEpisodeAt(int start, int end, Span<float> observation)
    {
        if (start < 0 || end > _dataset.Count || end - start < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"rows [{start}, {end}) are not inside the dataset's {_dataset.Count} rows");
        }

        _episodeStart = start;
        _episodeEnd = end;
        _row = start;
        _position = AgentPosition.Flat;
        _realisedPips = 0;
        _markedPips = 0;
        _episodeReward = 0;
        WriteObservation(observation);
    }

    public void WriteActionMask(Span<bool> mask) => PositionRules.WriteMask(_allowed, mask);

    public StepOutcome Step(int action, Span<float> observation)
    {
        if ((uint)action >= (uint)_actions.Count || ((_allowed >> action) & 1) == 0)
        {
            ThrowNotAllowed(action);
        }

        ExecutionRange window = _dataset.Execution(_row);
        long now = _dataset.TimeMs(_row);
        double realised = Execute(_actions[action], window, now);
        if (!_position.IsFlat && _position.OpenedMs < now && _rules.TryStop(_position, window, out double stopPrice))
        {
            realised += Close(_position.Size, stopPrice, now, ExitReason.Stop);
        }

        double marked = _position.IsFlat ? 0 : _position.Size * _position.PipsPerUnit(Fills.Mark(_position.Side, window), _rules.PipSize);
        double rewardPips = _options.MarkToMarketReward ? realised + marked - _markedPips : realised;
        _markedPips = marked;
        float reward = rewardPips == 0 ? 0f : (float)Math.Clamp(rewardPips * _rewardScaling, -_rewardClip, _rewardClip);
        _episodeReward += reward;

        _row++;
        bool ended = _row >= _episodeEnd;
        if (ended)
        {
            _poorEpisodes.Record(_episodeStart, _episodeReward);
            _row = _episodeEnd - 1;
            WriteObservation(observation);
            _row = _episodeEnd;
        }
        else
        {
            WriteObservation(observation);
        }

        return new StepOutcome(reward, Terminated: false, Truncated: ended);
    }

    /// <summary>Applies the agent's action in the window: opens at the entry side, or closes units at the exit side.</summary>
    private double Execute(TradeAction action, in ExecutionRange window, long now)
    {
        if (action.Opens)
        {
            _position = new AgentPosition(action.Side * action.Units, Fills.Open(action.Side, window, _random.NextDouble()), now);
            return 0;
        }

        if (action.Closes)
        {
            double price = Fills.Close(_position.Side, window, _random.NextDouble());
            return Close(action.Units, price, now, _forcedExit != ExitReason.None ? _forcedExit : ExitReason.Agent);
        }

        return 0;
    }

    private double Close(int units, double exitPrice, long now, ExitReason reason)
    {
        double net = _rules.NetPips(_position, units, exitPrice);
        TradeLog?.Add(new TradeRecord(
            _position.OpenedMs, now, _position.Side * units, _position.EntryPrice, exitPrice,
            _position.PipsPerUnit(exitPrice, _rules.PipSize), net, reason));
        int remaining = _position.Size - units;
        _position = remaining == 0 ? AgentPosition.Flat : _position with { Units = _position.Side * remaining };
        _realisedPips += net;
        return net;
    }

    /// <summary>
    /// The observation of the current row and the allowed actions for it (<see cref="AgentObservation"/>, the same
    /// assembly live decisions use): the open profit is marked at the previous row's window, wholly before the decision.
    /// </summary>
    private void WriteObservation(Span<float> observation)
    {
        long now = _dataset.TimeMs(_row);
        double openPips = _row == 0 ? 0 : AgentObservation.OpenPips(_position, _dataset.Execution(_row - 1), _rules.PipSize);
        bool final = _row == _episodeEnd - 1;
        _allowed = _tape.Observation.Write(_dataset.Observation(_row), _position, openPips, now, _tape.Status(_row), final, observation, out _forcedExit);
    }

    private void ThrowNotAllowed(int action) =>
        throw new InvalidOperationException(
            $"action {action} ({(action >= 0 && action < _actions.Count ? _actions.Name(action) : "out of range")}) is not allowed at row {_row} " +
            $"({MarketData.Time.UtcTime.Format(_dataset.TimeMs(_row))}, position {_position.Units}): the policy must respect the action mask");
}
