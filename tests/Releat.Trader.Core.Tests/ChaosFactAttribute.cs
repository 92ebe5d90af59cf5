namespace Releat.Trader.Core.Tests;

/// <summary>
/// A fact for the long chaos run: it runs when RELEAT_CHAOS_KILLS is set (scripts/chaos.sh sets it) and otherwise
/// skips, saying so. On the 2-core machines here a run of 20 kills took minutes, not the suite's budget.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChaosFactAttribute : FactAttribute
{
    public ChaosFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("RELEAT_CHAOS_KILLS")))
        {
            Skip = "the chaos run takes minutes: scripts/chaos.sh [kills] runs it (RELEAT_CHAOS_KILLS)";
        }
    }
}
