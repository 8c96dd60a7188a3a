namespace FastData.Host.Security;

/// <summary>What the security set-up changed at start-up (listen addresses rewritten to loopback), for the banner.</summary>
public sealed record SecurityNotices(IReadOnlyList<string> LoopbackRewrites);
