namespace FastData.Host.Security;

/// <summary>What a key may do. Each role includes the ones below it: admin ⊃ writer ⊃ reader.</summary>
public enum ApiKeyRole
{
    /// <summary>Reads single views and projections.</summary>
    Reader = 1,

    /// <summary>Reads, and sends commands.</summary>
    Writer = 2,

    /// <summary>Everything, including administration and the Dashboard.</summary>
    Admin = 3,
}
