using System.Security.Cryptography;
using Releat.SignalBus.Redis;

namespace Releat.Cli.Local;

/// <summary>
/// The Redis users of a local stack, as compose and Kubernetes have them (<see cref="RedisAclRules"/>): one per
/// service with least rights on the agent's keys, an operator for people, the default user off. Fresh random
/// passwords at each start, each in a 0600 file the service reads (SignalBus:Redis:PasswordFile): never on a command
/// line, in an environment variable or in a log. The ACL file holds only their SHA-256.
/// </summary>
internal sealed class LocalRedisUsers
{
    public const string KeyPrefix = "releat";

    private static readonly string[] ServiceUsers = ["signal", "trader", "feature-builder", "operator"];

    private LocalRedisUsers(string folder) => Folder = folder;

    /// <summary>Where the password files and the ACL file are.</summary>
    public string Folder { get; }

    public string AclFile => Path.Combine(Folder, "users.acl");

    /// <summary>The password file of a user (signal, trader, feature-builder, operator).</summary>
    public string PasswordFile(string user) => Path.Combine(Folder, user);

    /// <summary>The Redis user a local service logs in as, or none for a service that does not use Redis.</summary>
    public static string? UserOf(string service) => service is "signal" or "trader" ? service : null;

    /// <summary>The users a running stack's Redis was started with, so a process started again joins it; null when none were written.</summary>
    public static LocalRedisUsers? Open(string runDirectory)
    {
        var users = new LocalRedisUsers(Path.Combine(runDirectory, "redis-users"));
        return File.Exists(users.AclFile) ? users : null;
    }

    public static LocalRedisUsers Write(string runDirectory, string agentId)
    {
        var users = new LocalRedisUsers(Path.Combine(runDirectory, "redis-users"));
        Directory.CreateDirectory(users.Folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(users.Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var lines = new List<string> { RedisAclRules.DefaultOff };
        foreach (string user in ServiceUsers)
        {
            string password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            WritePrivate(users.PasswordFile(user), password);
            string rules = user switch
            {
                "signal" => RedisAclRules.SignalService(KeyPrefix, [agentId]),
                "trader" => RedisAclRules.Trader(KeyPrefix, [agentId]),
                "feature-builder" => RedisAclRules.FeatureBuilder(KeyPrefix),
                _ => RedisAclRules.Operator,
            };
            lines.Add(RedisAclRules.UserLine(user, password, rules));
        }

        WritePrivate(users.AclFile, string.Join('\n', lines) + "\n");
        return users;
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, content);
    }
}
