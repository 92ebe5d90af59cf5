using Releat.Features.Drivers;
using Releat.Features.Registry;
using Releat.Features.Store;

namespace Releat.Trading;

/// <summary>
/// A built dataset made ready to trade over: its rows (decision time, observation, execution window), the agent's
/// position rules, and what the calendar allows at each row, worked out once here so stepping asks no calendar.
/// Read-only after construction, so every environment of a vector env shares one tape.
/// </summary>
public sealed class DecisionTape
{
    private const byte MayOpenBit = 1;
    private readonly byte[] _status;

    public DecisionTape(IDataset dataset, PositionRules rules)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(rules);
        if (dataset.Count < 2)
        {
            throw new ArgumentException($"dataset of {dataset.Metadata.AgentId}: {dataset.Count} rows; trading needs at least 2", nameof(dataset));
        }

        Dataset = dataset;
        Rules = rules;
        Observation = new AgentObservation(rules, dataset.Metadata.AgentStateColumns, dataset.Width);
        _status = new byte[dataset.Count];
        for (int row = 0; row < _status.Length; row++)
        {
            ClockStatus status = rules.StatusAt(dataset.TimeMs(row));
            _status[row] = (byte)((status.MayOpen ? MayOpenBit : 0) | ((int)status.ForcedExit << 1));
        }
    }

    public IDataset Dataset { get; }

    public PositionRules Rules { get; }

    public ActionTable Actions => Rules.Actions;

    /// <summary>How a row and a position become the policy's observation and action mask (shared with live decisions).</summary>
    public AgentObservation Observation { get; }

    /// <summary>The agent-state values appended after the market columns, in the dataset's order.</summary>
    public ReadOnlySpan<PositionFeature> PositionFeatureSpan => Observation.PositionFeatureSpan;

    public int MarketWidth => Observation.MarketWidth;

    /// <summary>Market columns plus position features: the policy's input size.</summary>
    public int ObservationSize => Observation.Size;

    public int Count => _status.Length;

    public long TimeMs(int row) => Dataset.TimeMs(row);

    public ExecutionRange Execution(int row) => Dataset.Execution(row);

    public ClockStatus Status(int row)
    {
        byte packed = _status[row];
        return new ClockStatus((packed & MayOpenBit) != 0, (ExitReason)(packed >> 1));
    }

    /// <summary>Rows of the training, validation or test split.</summary>
    public Range RowsIn(Agents.Config.TimeRange period) => Dataset.RowsIn(period);
}
