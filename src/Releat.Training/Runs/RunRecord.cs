using System.Buffers.Binary;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Leakage;
using Releat.Features.Registry;
using Releat.MarketData.Model;
using Releat.Training.Evaluation;

namespace Releat.Training.Runs;

/// <summary>
/// What produced a train, backtest or evaluate run, written beside its results: the command, the config as run and
/// its SHA-256, a SHA-256 of the market data it read (every tick or candle of the config's symbols over the data
/// range and its warm-up, field by field), the seeds, the code version (with its git commit), the versions of every
/// non-framework assembly loaded, and the machine. Anyone holding the same record can ask for the same inputs.
/// </summary>
public sealed record RunRecord(
    string Command,
    string Agent,
    string ConfigSha256,
    string Config,
    string DataSha256,
    long DataItems,
    IReadOnlyList<ulong> Seeds,
    string CodeVersion,
    IReadOnlyDictionary<string, string> Packages,
    string Machine,
    DateTime CreatedUtc)
{
    public const string FileName = "run_record.json";

    public static RunRecord Create(string command, AgentConfig config, string configText, string home, IReadOnlyList<ulong> seeds, FeatureRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(configText);
        ArgumentNullException.ThrowIfNull(registry);
        (string dataHash, long items) = ("", 0);
        try
        {
            (dataHash, items) = HashData(config, home, FeaturePlan.Compile(config, registry).LookbackMs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or InvalidDataException)
        {
            dataHash = $"unavailable: {e.Message}";
        }

        var packages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (Assembly assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            AssemblyName name = assembly.GetName();
            if (name.Name is { } n && !assembly.IsDynamic && !n.StartsWith("System", StringComparison.Ordinal) && !n.StartsWith("Microsoft.", StringComparison.Ordinal)
                && n is not ("mscorlib" or "netstandard"))
            {
                packages[n] = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? name.Version?.ToString() ?? "";
            }
        }

        string code = typeof(RunRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        string machine = $"{Environment.MachineName}; {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}; "
            + $"{Environment.ProcessorCount} cores; {RuntimeInformation.FrameworkDescription}";
        return new RunRecord(
            command, config.Id, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configText))), configText, dataHash, items,
            seeds, code, packages, machine, DateTime.UtcNow);
    }

    /// <summary>Writes the record as <see cref="FileName"/> in a folder, or to the path given.</summary>
    public string Write(string folderOrPath)
    {
        string path = Directory.Exists(folderOrPath) ? Path.Combine(folderOrPath, FileName) : folderOrPath;
        File.WriteAllText(path, JsonSerializer.Serialize(this, BacktestSummary.JsonOptions));
        return path;
    }

    /// <summary>SHA-256 of every tick (time, bid, ask, last, volume, flags) or candle of the config's symbols, in symbol order, over the data range and its warm-up.</summary>
    private static (string Hash, long Items) HashData(AgentConfig config, string home, long lookbackMs)
    {
        MarketFeed feed = MarketFeed.FromStore(config, home);
        long from = config.RawData.DataRange.StartMs - lookbackMs, to = config.RawData.DataRange.EndMs;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[48];
        long items = 0;
        foreach (ITickSource source in feed.Ticks ?? [])
        {
            using ITickReader reader = source.Open(from, to);
            var ticks = new Tick[4096];
            for (int read; (read = reader.Read(ticks)) > 0;)
            {
                for (int i = 0; i < read; i++)
                {
                    Tick t = ticks[i];
                    Fields(buffer, t.TimeMs, t.Bid, t.Ask, t.Last, t.Volume, (long)t.Flags);
                    hash.AppendData(buffer);
                }

                items += read;
            }
        }

        foreach (ICandleSource source in feed.Candles ?? [])
        {
            foreach (Candle c in source.Read(from, to))
            {
                Fields(buffer, c.TimeMs, c.Open, c.High, c.Low, c.Close, c.TickVolume);
                hash.AppendData(buffer);
                items++;
            }
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), items);
    }

    private static void Fields(Span<byte> buffer, long time, double a, double b, double c, double d, long e)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer, time);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer[8..], a);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer[16..], b);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer[24..], c);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer[32..], d);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[40..], e);
    }
}
