using Google.Protobuf;
using Releat.Contracts.V1;

namespace Releat.SignalBus.Redis;

/// <summary>Signals and holdings as stored in Redis: the protobuf encodings of releat.v1.Signal and TraderHolding.</summary>
internal static class SignalPayload
{
    public static Signal Parse(byte[] bytes, string key, string entry)
    {
        try
        {
            return Signal.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SignalFormatException($"{key} {entry}: not a releat.v1.Signal ({e.Message})", e);
        }
    }

    public static TraderHolding ParseHolding(byte[] bytes, string key)
    {
        try
        {
            return TraderHolding.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SignalFormatException($"{key}: not a releat.v1.TraderHolding ({e.Message})", e);
        }
    }
}
