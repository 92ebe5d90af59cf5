using Releat.Learning.Numerics;

namespace Releat.Trading;

/// <summary>
/// The starts of recent episodes that went worse than usual (return below the running mean of returns), kept in a
/// small ring so a new episode can replay one of them. Seeded and checkpointed with its environment.
/// </summary>
internal sealed class PoorEpisodeMemory
{
    private const int Capacity = 64;
    private const double MeanWeight = 0.05;
    private readonly int[] _starts = new int[Capacity];
    private int _count;
    private int _next;
    private double _meanReturn;
    private bool _hasMean;

    public void Record(int startRow, double episodeReturn)
    {
        if (_hasMean && episodeReturn < _meanReturn)
        {
            _starts[_next] = startRow;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }

        _meanReturn = _hasMean ? _meanReturn + (MeanWeight * (episodeReturn - _meanReturn)) : episodeReturn;
        _hasMean = true;
    }

    /// <summary>With the given probability (and when any are kept), one of the kept starts.</summary>
    public bool TryReplay(SeededRandom random, double probability, out int startRow)
    {
        startRow = -1;
        if (probability <= 0 || _count == 0 || random.NextDouble() >= probability)
        {
            return false;
        }

        startRow = _starts[random.NextInt(_count)];
        return true;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_count);
        writer.Write(_next);
        writer.Write(_meanReturn);
        writer.Write(_hasMean);
        foreach (int start in _starts)
        {
            writer.Write(start);
        }
    }

    public void Read(BinaryReader reader)
    {
        _count = reader.ReadInt32();
        _next = reader.ReadInt32();
        _meanReturn = reader.ReadDouble();
        _hasMean = reader.ReadBoolean();
        for (int i = 0; i < Capacity; i++)
        {
            _starts[i] = reader.ReadInt32();
        }
    }
}
