using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Releat.Agents.Loading;

/// <summary>
/// Remembers where the last parsed event ended, so a parse failure without a position can still be located, and
/// refuses two shapes before YamlDotNet builds nodes from them: nesting deeper than <see cref="MaxDepth"/> (the
/// node tree is built recursively, so a few thousand '[' would overflow the stack and kill the process), and a key
/// that is not a plain scalar (keys are hashed when their mapping is built, and a list key made of aliases can
/// stand for billions of nodes: "billion laughs" would spin for minutes). An alias of an anchor not defined above
/// it is refused here too, where its line is known (YamlDotNet reports it later without a position).
/// </summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    /// <summary>An agent config nests about five levels; this leaves room without letting the stack run out.</summary>
    public const int MaxDepth = 64;

    // One entry per open collection: whether it is a mapping, and how many nodes it holds so far (even = key next).
    private readonly Stack<(bool Mapping, int Nodes)> _open = new();
    private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);

    public Mark LastMark { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        bool moved = inner.MoveNext();
        if (inner.Current is not { } current)
        {
            return moved;
        }

        LastMark = current.End;
        switch (current)
        {
            case SequenceEnd or MappingEnd:
                _open.TryPop(out _);
                break;
            case NodeEvent or AnchorAlias:
                CheckNode(current);
                break;
        }

        return moved;
    }

    private void CheckNode(ParsingEvent node)
    {
        if (_open.TryPop(out (bool Mapping, int Nodes) parent))
        {
            if (parent.Mapping && parent.Nodes % 2 == 0 && node is not Scalar)
            {
                throw new YamlException(node.Start, node.End, "a key must be a plain name, not a list, a section or an alias");
            }

            _open.Push((parent.Mapping, parent.Nodes + 1));
        }

        switch (node)
        {
            case NodeEvent { Anchor.IsEmpty: false } anchored:
                _anchors.Add(anchored.Anchor.Value);
                break;
            case AnchorAlias alias when !_anchors.Contains(alias.Value.Value):
                throw new YamlException(node.Start, node.End, $"'*{alias.Value.Value}' refers to no anchor '&{alias.Value.Value}' above it");
        }

        if (node is SequenceStart or MappingStart)
        {
            if (_open.Count >= MaxDepth)
            {
                throw new YamlException(node.Start, node.End, $"nested more than {MaxDepth} levels deep");
            }

            _open.Push((node is MappingStart, 0));
        }
    }
}
