using Releat.Mt5Bridge.Protocol;

namespace Releat.Mt5Bridge.Terminal;

/// <summary>
/// Which accounts the gateway trades on. Refused: a real-money account unless Mt5Bridge:AllowRealAccount is set and
/// Mt5Bridge:ExpectedLogin names that very login; any other login than ExpectedLogin when it is set; netting and
/// exchange accounts, because the trader keeps one position per order (hedging) and an opposite order on a netting
/// account would close or reverse another agent's position instead of opening its own.
/// </summary>
public static class AccountPolicy
{
    /// <summary>Why this terminal is refused, or null when it may trade.</summary>
    public static string? Refusal(HelloMessage hello, Mt5BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(hello);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.ExpectedLogin) && hello.Login != options.ExpectedLogin)
        {
            return $"account {hello.Login} is not the expected login (Mt5Bridge:ExpectedLogin)";
        }

        if (hello.RealMoney && !(options.AllowRealAccount && hello.Login == options.ExpectedLogin))
        {
            return $"account {hello.Login} on {hello.Server} is a real-money account: set Mt5Bridge:AllowRealAccount=true " +
                "and Mt5Bridge:ExpectedLogin to this login to trade it";
        }

        if (!hello.Hedging)
        {
            return $"account {hello.Login} uses {hello.MarginMode} margin mode: the trader needs a hedging account";
        }

        return null;
    }
}
