using Releat.Features.Drivers;

namespace Releat.Trading;

/// <summary>
/// Where orders fill inside the execution window after a decision (the bid and ask ranges the dataset keeps): a
/// buy (opening a long, closing a short) pays the ask, a sell receives the bid, at a point of the range chosen by a
/// uniform draw in [0, 1) the caller takes from its seeded stream. A position is marked at the side it would exit on.
/// </summary>
public static class Fills
{
    /// <summary>The price that opens a position on <paramref name="side"/> (+1 long at the ask, −1 short at the bid).</summary>
    public static double Open(int side, in ExecutionRange window, double uniform) =>
        side > 0 ? Within(window.AskLow, window.AskHigh, uniform) : Within(window.BidLow, window.BidHigh, uniform);

    /// <summary>The price that closes a position on <paramref name="side"/> (a long sells at the bid, a short buys at the ask).</summary>
    public static double Close(int side, in ExecutionRange window, double uniform) =>
        side > 0 ? Within(window.BidLow, window.BidHigh, uniform) : Within(window.AskLow, window.AskHigh, uniform);

    /// <summary>The middle of the exit side's range: the value of an open position over the window.</summary>
    public static double Mark(int side, in ExecutionRange window) =>
        side > 0 ? 0.5 * (window.BidLow + window.BidHigh) : 0.5 * (window.AskLow + window.AskHigh);

    private static double Within(double low, double high, double uniform) => low + ((high - low) * uniform);
}
