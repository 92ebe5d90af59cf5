using Releat.Agents.Config;
using Releat.MarketData.Time;

namespace Releat.Training.WalkForward;

/// <summary>A fold's windows (UTC) and the trading days of its test window.</summary>
public sealed record FoldWindow(int Fold, DateTime TrainFrom, DateTime ValidationFrom, DateTime TestFrom, DateTime TestTo)
{
    public static FoldWindow Of(WalkForwardFold fold)
    {
        ArgumentNullException.ThrowIfNull(fold);
        DataSplit s = fold.Split;
        return new FoldWindow(fold.Number, UtcTime.ToDateTime(s.Train.StartMs), UtcTime.ToDateTime(s.Validation.StartMs), UtcTime.ToDateTime(s.Test.StartMs), UtcTime.ToDateTime(s.Test.EndMs));
    }
}
