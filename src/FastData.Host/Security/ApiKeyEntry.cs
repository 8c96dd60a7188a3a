namespace FastData.Host.Security;

/// <summary>One configured key (<c>FastData:ApiKeys:N</c>). Give either <see cref="Key"/> or <see cref="Hash"/>.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>A name for logs and problem details (defaults to <c>key-N</c>); never the key itself.</summary>
    public string? Name { get; set; }

    /// <summary>The key in plain text; hashed with SHA-256 when loaded and not kept.</summary>
    public string? Key { get; set; }

    /// <summary>The key's SHA-256 as <c>sha256:&lt;64 hex digits&gt;</c> (e.g. <c>printf %s KEY | sha256sum</c>).</summary>
    public string? Hash { get; set; }

    /// <summary>reader, writer or admin.</summary>
    public string? Role { get; set; }
}
