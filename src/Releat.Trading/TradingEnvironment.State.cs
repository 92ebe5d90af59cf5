using Releat.Randomness;

namespace Releat.Trading;

/// <summary>The environment's whole state for checkpoints, so a resumed run steps exactly as an uninterrupted one.</summary>
public sealed partial class TradingEnvironment
{
    private const int StateVersion = 1;

    public byte[] CaptureState()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(StateVersion);
            writer.Write(_row);
            writer.Write(_episodeStart);
            writer.Write(_episodeEnd);
            writer.Write(_position.Units);
            writer.Write(_position.EntryPrice);
            writer.Write(_position.OpenedMs);
            writer.Write(_realisedPips);
            writer.Write(_markedPips);
            writer.Write(_episodeReward);
            writer.Write(_allowed);
            writer.Write((int)_forcedExit);
            RandomState random = _random.CaptureState();
            writer.Write(random.S0);
            writer.Write(random.S1);
            writer.Write(random.S2);
            writer.Write(random.S3);
            _poorEpisodes.Write(writer);
        }

        return stream.ToArray();
    }

    public void RestoreState(ReadOnlySpan<byte> state)
    {
        using var stream = new MemoryStream(state.ToArray());
        using var reader = new BinaryReader(stream);
        int version = reader.ReadInt32();
        if (version != StateVersion)
        {
            throw new InvalidDataException($"TradingEnvironment.RestoreState: state version {version}, expected {StateVersion}");
        }

        _row = reader.ReadInt32();
        _episodeStart = reader.ReadInt32();
        _episodeEnd = reader.ReadInt32();
        if (_episodeStart < 0 || _episodeEnd > _dataset.Count || _row < _episodeStart || _row > _episodeEnd)
        {
            throw new InvalidDataException(
                $"TradingEnvironment.RestoreState: rows {_episodeStart}..{_episodeEnd} (at {_row}) do not fit the dataset's {_dataset.Count} rows: a checkpoint of another dataset?");
        }

        _position = new AgentPosition(reader.ReadInt32(), reader.ReadDouble(), reader.ReadInt64());
        _realisedPips = reader.ReadDouble();
        _markedPips = reader.ReadDouble();
        _episodeReward = reader.ReadDouble();
        _allowed = reader.ReadUInt64();
        _forcedExit = (ExitReason)reader.ReadInt32();
        _random.RestoreState(new RandomState(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64()));
        _poorEpisodes.Read(reader);
    }
}
