using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace FastData.Host.Security;

/// <summary>
/// The API keys the host accepts, held only as SHA-256 hashes. A presented key is hashed and compared with every
/// configured hash in constant time, so neither the comparison nor which entry matched leaks through timing.
/// Without configured keys the host generates one admin key (<see cref="IsGenerated"/>) for the default run.
/// </summary>
public sealed class ApiKeyRegistry
{
    public const string SectionName = "FastData:ApiKeys";
    public const string HashPrefix = "sha256:";

    private readonly ApiKey[] _keys;
    private readonly Dictionary<ApiKey, ClaimsPrincipal> _principals;
    private string? _generatedKey;

    private ApiKeyRegistry(ApiKey[] keys, string? generatedKey)
    {
        _keys = keys;
        _generatedKey = generatedKey;
        _principals = keys.ToDictionary(key => key, Principal);
    }

    /// <summary>True when no key was configured and the host made one up (the default run).</summary>
    public bool IsGenerated { get; private init; }

    /// <summary>The loaded keys (hashes only).</summary>
    public IReadOnlyList<ApiKey> Keys => _keys;

    /// <summary>Loads <c>FastData:ApiKeys</c>; on invalid entries returns null and adds one problem per entry and option.</summary>
    public static ApiKeyRegistry? Load(IConfiguration configuration, List<string> problems)
    {
        var section = configuration.GetSection(SectionName);
        var keys = new List<ApiKey>();
        var before = problems.Count;
        foreach (var child in section.GetChildren().OrderBy(c => int.TryParse(c.Key, out var n) ? n : int.MaxValue))
        {
            var path = $"{SectionName}:{child.Key}";
            var entry = child.Get<ApiKeyEntry>() ?? new ApiKeyEntry();
            if (Parse(entry, path, child.Key, problems) is { } key)
            {
                keys.Add(key);
            }
        }

        var duplicates = keys.GroupBy(k => Convert.ToHexString(k.Sha256)).Where(g => g.Count() > 1);
        foreach (var duplicate in duplicates)
        {
            problems.Add($"{SectionName}: keys {string.Join(", ", duplicate.Select(k => k.Name))} are the same key; give each its own.");
        }

        if (problems.Count > before)
        {
            return null;
        }

        if (keys.Count > 0)
        {
            return new ApiKeyRegistry([.. keys], null);
        }

        var generated = "fd_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        return new ApiKeyRegistry([new ApiKey("generated-admin", Hash(generated), ApiKeyRole.Admin)], generated) { IsGenerated = true };
    }

    /// <summary>Returns the generated key once (for the start-up banner), then null forever.</summary>
    public string? TakeGeneratedKey() => Interlocked.Exchange(ref _generatedKey, null);

    /// <summary>Finds the key whose hash matches <paramref name="presented"/>.</summary>
    public bool TryAuthenticate(string presented, out ApiKey? key)
    {
        var hash = Hash(presented);
        key = null;
        foreach (var candidate in _keys)
        {
            // Every entry is compared, matched or not, so the time taken does not say which entry matched.
            if (CryptographicOperations.FixedTimeEquals(hash, candidate.Sha256))
            {
                key = candidate;
            }
        }

        return key is not null;
    }

    /// <summary>
    /// The principal of a loaded key, built once: a key's name and roles never change while the host runs, and nothing in
    /// the request pipeline adds to a principal (no claims transformation, policies name no scheme to merge), so requests
    /// share it instead of building claims on every call.
    /// </summary>
    public ClaimsPrincipal PrincipalOf(ApiKey key) => _principals[key];

    private static ClaimsPrincipal Principal(ApiKey key) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), .. ApiPolicies.RoleClaims(key.Role)], ApiPolicies.Scheme));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static ApiKey? Parse(ApiKeyEntry entry, string path, string index, List<string> problems)
    {
        var name = string.IsNullOrWhiteSpace(entry.Name) ? $"key-{index}" : entry.Name;
        ApiKeyRole? role = entry.Role?.Trim().ToLowerInvariant() switch
        {
            "reader" => ApiKeyRole.Reader,
            "writer" => ApiKeyRole.Writer,
            "admin" => ApiKeyRole.Admin,
            _ => null,
        };
        if (role is null)
        {
            problems.Add($"{path}:Role: '{entry.Role}' is not reader, writer or admin.");
        }

        byte[]? hash = null;
        var hasKey = !string.IsNullOrEmpty(entry.Key);
        var hasHash = !string.IsNullOrEmpty(entry.Hash);
        if (hasKey == hasHash)
        {
            problems.Add($"{path}: give exactly one of Key (the key) or Hash (sha256:<hex>).");
        }
        else if (hasKey)
        {
            if (entry.Key!.Length < 16)
            {
                problems.Add($"{path}:Key: a key must have at least 16 characters.");
            }
            else
            {
                hash = Hash(entry.Key);
            }
        }
        else if (!entry.Hash!.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase)
            || entry.Hash.Length != HashPrefix.Length + 64
            || !entry.Hash[HashPrefix.Length..].All(char.IsAsciiHexDigit))
        {
            problems.Add($"{path}:Hash: expected '{HashPrefix}' followed by 64 hex digits.");
        }
        else
        {
            hash = Convert.FromHexString(entry.Hash[HashPrefix.Length..]);
        }

        return hash is null || role is null ? null : new ApiKey(name, hash, role.Value);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The hash in configuration form, for operators who want to store a hash instead of a key.</summary>
    public static string FormatHash(string key) => HashPrefix + Convert.ToHexString(Hash(key)).ToLower(CultureInfo.InvariantCulture);
}
