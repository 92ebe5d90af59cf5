using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Releat.SignalBus.Redis;

/// <summary>
/// The least rights each releat service needs on Redis, as ACL rules (one "user ..." line of an ACL file each), so
/// that a compromised service reaches only its own agents' keys and no administration: the signal service writes
/// its agents' streams and latest signals and reads (and listens for) the trader's holdings; the trader reads and
/// acknowledges those streams and posts holdings; the feature-builder owns the feature store's keys; the operator,
/// for people, may do everything. The "default" user is switched off. deploy/generate-secrets.sh writes the same
/// rules for compose and Kubernetes (a test compares them).
/// </summary>
public static class RedisAclRules
{
    private static readonly SearchValues<char> NotInAName = SearchValues.Create("*?[]\\ \t\r\n\"'");

    /// <summary>What every service connection sends: the handshake, its name, and the keep-alive.</summary>
    public const string Connection = "+ping +echo +hello +auth +client|setname +client|getname +client|id +quit";

    /// <summary>MULTI/EXEC, in which the bus writes its keys together.</summary>
    public const string Transactions = "+multi +exec +discard";

    public const string SignalServiceCommands = "+xadd +set +get +subscribe +unsubscribe";

    public const string TraderCommands = "+xreadgroup +xack +xgroup|create +xpending +xclaim +set +publish";

    public const string FeatureBuilderCommands = "+get +mget +set +mset +exists +publish";

    /// <summary>The signal service of the given agents: their streams and latest signals, their holdings read-only.</summary>
    public static string SignalService(string prefix, IEnumerable<string> agents) =>
        Rules(SignalServiceCommands, agents.Select(a => Agent(prefix, a)).Select(a => $"~{a}signals ~{a}latest %R~{a}holding &{a}holding:posted"));

    /// <summary>The trader of the given agents: reads and acknowledges their streams, posts their holdings.</summary>
    public static string Trader(string prefix, IEnumerable<string> agents) =>
        Rules(TraderCommands, agents.Select(a => Agent(prefix, a)).Select(a => $"~{a}signals ~{a}holding &{a}holding:posted"));

    /// <summary>The feature-builder: the feature store's latest observations (and their channels) and datasets.</summary>
    public static string FeatureBuilder(string prefix) =>
        Rules(FeatureBuilderCommands, [$"~{Checked(prefix, "prefix")}:latest:* ~{prefix}:dataset:* &{prefix}:latest:*"]);

    /// <summary>People: every key, channel and command, administration included.</summary>
    public const string Operator = "~* &* +@all";

    /// <summary>One ACL file line: the user on, with only the SHA-256 of its password (the file holds no password).</summary>
    public static string UserLine(string user, string password, string rules)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
        return $"user {Checked(user, "user")} reset on #{hash} {rules}";
    }

    /// <summary>
    /// The line that switches the "default" user off: nobody logs in without a name, nor as "default". It keeps every
    /// right all the same, because Redis 7.0 checks each MULTI/EXEC it replays from the append-only file against the
    /// default user: with no rights, every transaction (a publish, an XREADGROUP handing out several entries) is
    /// refused while loading, and what it wrote is silently gone after a restart (found with Debian's 7.0.15).
    /// </summary>
    public const string DefaultOff = "user default reset off ~* &* +@all";

    private static string Rules(string commands, IEnumerable<string> keys) =>
        $"-@all {Connection} {Transactions} {commands} {string.Join(' ', keys)}";

    private static string Agent(string prefix, string agentId) =>
        RedisStreamKeys.AgentPrefix(Checked(prefix, "prefix"), Checked(agentId, "agent id"));

    /// <summary>ACL patterns are globs: a name with glob characters or spaces would grant more than its own keys.</summary>
    private static string Checked(string name, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.AsSpan().IndexOfAny(NotInAName) >= 0)
        {
            throw new ArgumentException($"{what} '{name}': must not contain glob characters, quotes or whitespace to be named in a Redis ACL rule", nameof(name));
        }

        return name;
    }
}
