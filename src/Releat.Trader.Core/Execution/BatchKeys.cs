using System.Globalization;

namespace Releat.Trader.Core.Execution;

/// <summary>Batch keys: a signal is identified by its agent and decision time, whatever bus entry carried it.</summary>
internal static class BatchKeys
{
    public static string Signal(string agentId, long decisionMs) => string.Create(CultureInfo.InvariantCulture, $"sig:{agentId}:{decisionMs}");

    public static string Other(string kind, string scope, long timeMs) => string.Create(CultureInfo.InvariantCulture, $"{kind}:{scope}:{timeMs}");
}
