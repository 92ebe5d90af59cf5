namespace Releat.Trader.Core.Risk;

/// <summary>
/// Configuration section "Trader:Risk": the trader-wide limits on top of each agent's own (lots per unit, maximum
/// units, daily loss limit, stale age from its config), and the sizing inputs. Lots are absolute (long and short
/// both count); 0 turns a limit off.
/// </summary>
public sealed class RiskSettings
{
    /// <summary>Equity at which an agent trades exactly its lot_size_per_unit; 0 = no equity scaling.</summary>
    public double ReferenceEquity { get; set; }

    /// <summary>σ of one-minute log returns at which an agent trades its base size; 0 = no volatility scaling.</summary>
    public double TargetVolatilityPerMinute { get; set; }

    /// <summary>Bounds of the combined equity × volatility scale.</summary>
    public double MinSizeScale { get; set; } = 0.25;

    public double MaxSizeScale { get; set; } = 2;

    /// <summary>Largest open lots in one symbol over all agents (and positions the trader did not open).</summary>
    public double MaxLotsPerSymbol { get; set; }

    /// <summary>Largest open lots over all symbols.</summary>
    public double MaxTotalLots { get; set; }

    /// <summary>Loss of the whole account within a UTC day (equity now - equity at the day's start) that flattens everything and pauses.</summary>
    public double AccountDailyLossLimit { get; set; }

    /// <summary>How often, in wall time, positions and the account are re-read between signals (loss limits, forced closes).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A signal re-reads positions and the account first unless they were read less than this long ago (wall time)
    /// on the same UTC market day. 0 (the default) re-reads for every signal; a second or so saves two gateway round
    /// trips on the way from tick to order, at the price of acting on a view up to that old (the trader's own fills
    /// update it at once; only changes made elsewhere, such as a manual close, wait for the next read).
    /// </summary>
    public TimeSpan SignalRefreshAge { get; set; }

    public void Validate()
    {
        if (SignalRefreshAge < TimeSpan.Zero || SignalRefreshAge > RefreshInterval)
        {
            throw new ArgumentException($"Trader:Risk:SignalRefreshAge must be between 0 and RefreshInterval ({RefreshInterval}), got {SignalRefreshAge}");
        }

        if (ReferenceEquity < 0 || TargetVolatilityPerMinute < 0 || MaxLotsPerSymbol < 0 || MaxTotalLots < 0 || AccountDailyLossLimit < 0)
        {
            throw new ArgumentException("Trader:Risk: ReferenceEquity, TargetVolatilityPerMinute, MaxLotsPerSymbol, MaxTotalLots and AccountDailyLossLimit must not be negative");
        }

        if (!(MinSizeScale > 0) || MaxSizeScale < MinSizeScale)
        {
            throw new ArgumentException($"Trader:Risk: need 0 < MinSizeScale <= MaxSizeScale (got {MinSizeScale}, {MaxSizeScale})");
        }
    }
}
