namespace FastData.Host.Security;

/// <summary>A loaded key: its name, the SHA-256 of its text, and its role.</summary>
public sealed record ApiKey(string Name, byte[] Sha256, ApiKeyRole Role);
