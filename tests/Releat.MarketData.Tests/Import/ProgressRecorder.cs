using Releat.MarketData.Import;

namespace Releat.MarketData.Tests.Import;

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class ProgressRecorder : IProgress<ImportProgress>
{
    public List<ImportProgress> Reports { get; } = [];

    public void Report(ImportProgress value) => Reports.Add(value);
}
