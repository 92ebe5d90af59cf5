using Releat.Testing;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// A fact for the chaos run (about 20 kills in the suite, RELEAT_CHAOS_KILLS from scripts/chaos.sh): it needs
/// Debian's redis-server (the README's test command installs it) and says so as a skip where it is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChaosFactAttribute : FactAttribute
{
    public ChaosFactAttribute()
    {
        if (!RedisServerProcess.IsInstalled)
        {
            Skip = $"the chaos run needs {RedisServerProcess.Executable}: install Debian's redis-server (./test.sh does)";
        }
    }
}
