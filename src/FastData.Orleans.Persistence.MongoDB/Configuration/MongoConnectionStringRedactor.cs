namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Removes credentials from MongoDB connection strings before they reach a log or an exception message.
/// </summary>
public static class MongoConnectionStringRedactor
{
    private const string Mask = "****";

    /// <summary>
    /// Returns <paramref name="connectionString"/> with the password of the user-info part and every value of
    /// <c>authMechanismProperties</c> (which may hold cloud session tokens) replaced by <c>****</c>.
    /// </summary>
    public static string Redact(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return string.Empty;
        }

        var schemeEnd = connectionString.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            // Not a URI: we cannot tell where a secret is, so show nothing of it.
            return Mask;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = connectionString.IndexOfAny(['/', '?'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = connectionString.Length;
        }

        var authority = connectionString[authorityStart..authorityEnd];
        // The last '@' separates user info from hosts: passwords may contain an escaped '@' only as %40.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            var colon = userInfo.IndexOf(':');
            var user = colon >= 0 ? userInfo[..colon] : userInfo;
            authority = (colon >= 0 ? $"{user}:{Mask}" : user) + authority[at..];
        }

        var rest = connectionString[authorityEnd..];
        var query = rest.IndexOf('?');
        if (query >= 0)
        {
            var parts = rest[(query + 1)..].Split('&');
            for (var i = 0; i < parts.Length; i++)
            {
                var eq = parts[i].IndexOf('=');
                var key = eq >= 0 ? parts[i][..eq] : parts[i];
                if (key.Equals("authMechanismProperties", StringComparison.OrdinalIgnoreCase)
                    || key.Equals("password", StringComparison.OrdinalIgnoreCase)
                    || key.Equals("tlsCertificateKeyFilePassword", StringComparison.OrdinalIgnoreCase))
                {
                    parts[i] = $"{key}={Mask}";
                }
            }

            rest = rest[..(query + 1)] + string.Join('&', parts);
        }

        return connectionString[..authorityStart] + authority + rest;
    }
}
