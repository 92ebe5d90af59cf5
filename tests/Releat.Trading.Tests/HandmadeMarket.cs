using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Learning.Environments;
using Releat.MarketData.Time;

namespace Releat.Trading.Tests;

/// <summary>
/// A dataset written by hand for rule tests: a decision every 10 s from a start time, the config's columns (market
/// values = row index, clock = the true time of day) and an execution window per row whose bid and ask ranges do not
/// overlap, so a test can tell which side filled. Prices are in pips from 1.1000 unless a test moves them.
/// </summary>
internal sealed class HandmadeMarket
{
    public const double Pip = 0.0001;
    public const double Base = 1.1;

    public HandmadeMarket(AgentConfig config, int rows, long? startMs = null)
    {
        Config = config;
        Start = startMs ?? UtcTime.FromParts(2024, 1, 8, 10, 0, 3, 0);
        Times = [.. Enumerable.Range(0, rows).Select(r => Start + (r * 10_000L))];
        Windows = [.. Enumerable.Range(0, rows).Select(_ => Window(0))];
    }

    public AgentConfig Config { get; }

    public long Start { get; }

    public long[] Times { get; set; }

    public ExecutionRange[] Windows { get; }

    /// <summary>Bid range [mid − 1.5, mid − 0.5] pips and ask range [mid + 0.5, mid + 1.5] pips around 1.1000 + mid pips.</summary>
    public static ExecutionRange Window(double midPips) => new(
        Base + ((midPips - 1.5) * Pip), Base + ((midPips - 0.5) * Pip), Base + ((midPips + 0.5) * Pip), Base + ((midPips + 1.5) * Pip));

    public InMemoryDataset Dataset()
    {
        FeaturePlan plan = FeaturePlan.Compile(Config, TestAgent.Registry);
        int width = plan.Layout.Width;
        float[] observations = new float[Times.Length * width];
        double[] executions = new double[Times.Length * 4];
        for (int r = 0; r < Times.Length; r++)
        {
            for (int c = 0; c < width; c++)
            {
                observations[(r * width) + c] = r;
            }

            CyclicTimeFeature.TimeOfDay.Compute(Times[r], observations.AsSpan((r * width) + width - 2, 2));
            ExecutionRange w = Windows[r];
            (executions[r * 4], executions[(r * 4) + 1], executions[(r * 4) + 2], executions[(r * 4) + 3]) = (w.BidLow, w.BidHigh, w.AskLow, w.AskHigh);
        }

        var metadata = new DatasetMetadata
        {
            AgentId = Config.Id,
            TradedSymbol = "EURUSD",
            DecisionStepMs = 10_000,
            TimeOffsetMs = 3_000,
            DataRange = new TimeRange(Times[0], Times[^1] + 10_000),
            Train = new TimeRange(Times[0], Times[^1] + 10_000),
            Validation = new TimeRange(Times[^1] + 10_000, Times[^1] + 20_000),
            Test = new TimeRange(Times[^1] + 20_000, Times[^1] + 30_000),
            Rows = Times.Length,
            Columns = plan.Layout.Names,
            AgentStateColumns = plan.Layout.AgentStateNames,
            Transforms = [],
        };
        return new InMemoryDataset(metadata, Times, observations, executions);
    }

    public DecisionTape Tape() => new(Dataset(), PositionRules.For(Config));

    /// <summary>An environment over all rows, one episode = the config's episode length (or the whole tape).</summary>
    public TradingEnvironment Environment(TradingEnvironmentOptions? options = null, ulong seed = 1, Curriculum? curriculum = null)
    {
        DecisionTape tape = Tape();
        return new TradingEnvironment(tape, Config.Environment.Reward, .., curriculum ?? Curriculum.Fixed(Config.Environment.EpisodeLength), options, seed);
    }
}

/// <summary>Steps an environment with readable calls and keeps the last observation and mask.</summary>
internal sealed class Driver
{
    public Driver(TradingEnvironment environment, int startRow = 0, int? endRow = null)
    {
        Env = environment;
        Observation = new float[environment.ObservationSpace.Size];
        Mask = new bool[environment.ActionSpace.N];
        environment.StartEpisodeAt(startRow, endRow ?? environment.Tape.Count, Observation);
        environment.WriteActionMask(Mask);
        environment.TradeLog = [];
    }

    public TradingEnvironment Env { get; }

    public float[] Observation { get; }

    public bool[] Mask { get; }

    public List<TradeRecord> Trades => Env.TradeLog!;

    /// <summary>Position features: the last three values of the observation.</summary>
    public float[] PositionValues => Observation[^3..];

    public StepOutcome Step(int action)
    {
        StepOutcome outcome = Env.Step(action, Observation);
        Env.WriteActionMask(Mask);
        return outcome;
    }

    public void Hold(int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            Step(ActionTable.HoldIndex);
        }
    }

    public int[] Allowed() => [.. Enumerable.Range(0, Mask.Length).Where(i => Mask[i])];
}
