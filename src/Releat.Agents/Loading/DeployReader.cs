using Releat.Agents.Config;

namespace Releat.Agents.Loading;

/// <summary>Reads the optional deploy section: the margin over flat on validation a checkpoint needs to trade live.</summary>
internal static class DeployReader
{
    public static DeployConfig Read(YamlSection root)
    {
        YamlSection? section = root.Section("deploy", required: false);
        if (section is null)
        {
            return DeployConfig.Default;
        }

        DeployConfig defaults = DeployConfig.Default;
        double minT = section.Double("min_validation_t", defaults.MinValidationT, min: 0, max: 100);
        TimeSpan period = section.PositiveDuration("pnl_period", defaults.PnlPeriod);
        if (period > TimeSpan.Zero && (period > TimeSpan.FromDays(1) || TimeSpan.FromDays(1).Ticks % period.Ticks != 0))
        {
            section.Error("pnl_period", $"{period} must divide a day (e.g. 1h, 4h, 1d)");
        }

        int minPeriods = section.Int("min_validation_periods", defaults.MinValidationPeriods, 2, 1_000_000);
        section.RejectUnknownKeys();
        return new DeployConfig(minT, period, minPeriods);
    }
}
