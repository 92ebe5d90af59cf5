using System.Text.Json.Serialization;

namespace Releat.Trader.Core.Journal;

/// <summary>
/// Source-generated JSON for the journal: no reflection, compact lines, snake_case names. A number that is not finite
/// (a broker reporting NaN equity or price) is written as "NaN" or "Infinity" and read back as it was: JSON has no
/// such numbers, and refusing them would stop the trader from journaling what actually happened, an order's answer
/// included.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = false)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
