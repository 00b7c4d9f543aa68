package io.magicvl.device.push;

import java.util.List;

/**
 * What a push did: the remote folder, the files sent and the files skipped because the
 * device already held them with the same sha256, bytes sent and wall time.
 */
public record PushResult(
        String device, String remoteDir, List<String> sent, List<String> skipped, long bytesSent, double seconds) {}
