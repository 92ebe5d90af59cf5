using Google.Protobuf;
using Releat.Contracts.V1;

namespace Releat.SignalBus.Redis;

/// <summary>Signals as stored in Redis: the protobuf encoding of releat.v1.Signal.</summary>
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
}
