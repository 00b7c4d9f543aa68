package io.magicvl.device.loopback;

/** Shell scripts that stand in for Android's {@code dumpsys} and {@code getprop} on the loopback device. */
final class LoopbackScripts {
    private LoopbackScripts() {}

    /**
     * {@code dumpsys thermalservice} prints the status from {@code /loopback/thermal_status}
     * and one HAL temperature line per thermal zone; {@code dumpsys battery} prints the
     * battery status code (3 = discharging) and the voltage in mV.
     */
    static final String DUMPSYS = """
            #!/bin/sh
            root="$MAGICVL_DEVICE_ROOT"
            case "$1" in
              thermalservice)
                status=$(cat "$root/loopback/thermal_status" 2>/dev/null || echo 0)
                echo "IsStatusOverride: false"
                echo "Thermal Status: $status"
                echo "Current temperatures from HAL:"
                for zone in "$root"/sys/class/thermal/thermal_zone*; do
                  [ -f "$zone/temp" ] || continue
                  milli=$(cat "$zone/temp")
                  name=$(cat "$zone/type" 2>/dev/null || basename "$zone")
                  echo "	Temperature{mValue=$((milli / 1000)).$(( (milli % 1000) / 100 )), mType=0, mName=$name, mStatus=$status}"
                done
                ;;
              battery)
                dir="$root/sys/class/power_supply/battery"
                text=$(cat "$dir/status" 2>/dev/null || echo Discharging)
                case "$text" in
                  Charging) code=2 ;;
                  Discharging) code=3 ;;
                  "Not charging") code=4 ;;
                  Full) code=5 ;;
                  *) code=1 ;;
                esac
                microvolts=$(cat "$dir/voltage_now" 2>/dev/null || echo 0)
                echo "Current Battery Service state:"
                echo "  AC powered: false"
                echo "  USB powered: false"
                echo "  status: $code"
                echo "  level: $(cat "$dir/capacity" 2>/dev/null || echo 80)"
                echo "  voltage: $((microvolts / 1000))"
                echo "  temperature: 300"
                ;;
              *)
                echo "loopback dumpsys: service '$1' is not simulated" >&2
                exit 1
                ;;
            esac
            """;

    /** {@code getprop [NAME]} with the few properties the runner reads. */
    static final String GETPROP = """
            #!/bin/sh
            case "$(uname -m)" in
              aarch64|arm64) abi=arm64-v8a ;;
              x86_64) abi=x86_64 ;;
              *) abi=$(uname -m) ;;
            esac
            props="ro.product.model=magicvl_loopback
            ro.product.name=magicvl_loopback
            ro.product.device=loopback
            ro.product.cpu.abi=$abi
            ro.build.version.sdk=34
            ro.build.fingerprint=magicvl/loopback/loopback:14/LOOPBACK/1:user/release-keys"
            if [ -n "$1" ]; then
              echo "$props" | sed -n "s/^$1=//p"
            else
              echo "$props" | sed 's/^\\([^=]*\\)=\\(.*\\)$/[\\1]: [\\2]/'
            fi
            """;
}
