using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Releat.Agents;

/// <summary>Remembers where the last parsed event ended, so a parse failure without a position can still be located.</summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    public Mark LastMark { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        bool moved = inner.MoveNext();
        if (inner.Current is { } current)
        {
            LastMark = current.End;
        }

        return moved;
    }
}
