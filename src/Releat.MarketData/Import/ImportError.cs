namespace Releat.MarketData.Import;

/// <summary>One rejected row: the file, its 1-based line number, the reason and what exactly was wrong.</summary>
public sealed record ImportError(string File, long Line, RejectReason Reason, string Detail)
{
    public override string ToString() => $"{File}:{Line}: {Reason}: {Detail}";
}
