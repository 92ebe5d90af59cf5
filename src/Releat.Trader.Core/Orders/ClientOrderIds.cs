using System.Text;

namespace Releat.Trader.Core.Orders;

/// <summary>
/// Client order ids the trader derives instead of drawing: "&lt;agent&gt;-&lt;tag&gt;&lt;time&gt;-&lt;leg&gt;", the
/// time in base 36 milliseconds (8 characters until 2059). The same decision always yields the same ids, so a retry
/// or a replay after a crash meets the gateway's idempotency and never trades twice. MT5 keeps the id as the order
/// comment, 31 characters at most, which leaves agent ids of up to <see cref="MaxAgentIdLength"/> characters.
/// </summary>
public static class ClientOrderIds
{
    public const int MaxLength = 31;

    public const int MaxAgentIdLength = 17;

    /// <summary>Tags: none for a signal's orders; the others say what closed a position without a signal.</summary>
    public const string Signal = "";

    public const string Flatten = "F";

    public const string KillSwitch = "K";

    public const string DailyLoss = "L";

    public const string OperatingRule = "R";

    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string For(string agentId, string tag, long timeMs, int leg)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeMs);
        ArgumentOutOfRangeException.ThrowIfNegative(leg);
        var id = new StringBuilder(MaxLength).Append(agentId).Append('-').Append(tag);
        Span<char> digits = stackalloc char[16];
        int at = digits.Length;
        do
        {
            digits[--at] = Digits[(int)(timeMs % 36)];
            timeMs /= 36;
        }
        while (timeMs > 0);
        id.Append(digits[at..]).Append('-').Append(leg);
        return id.Length <= MaxLength
            ? id.ToString()
            : throw new ArgumentException($"client order id '{id}' is longer than MT5's {MaxLength} characters (agent id '{agentId}' too long)", nameof(agentId));
    }
}
