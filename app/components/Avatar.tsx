/** The palette profile avatars pick from (`ProfileInput.avatar` tokens); unknown tokens fall back to slate. */
export const AVATAR_COLORS: Record<string, string> = {
  blue: 'linear-gradient(135deg, #3d7bff, #1b3fa8)',
  red: 'linear-gradient(135deg, #ff5a67, #a3162a)',
  green: 'linear-gradient(135deg, #3fcf8e, #0f7a4d)',
  purple: 'linear-gradient(135deg, #a872ff, #5a2bb8)',
  orange: 'linear-gradient(135deg, #ffa14d, #c2530f)',
  teal: 'linear-gradient(135deg, #2fd3d3, #0c7a86)',
  pink: 'linear-gradient(135deg, #ff7ac8, #b0287a)',
  yellow: 'linear-gradient(135deg, #ffd84d, #b88a00)',
};
export const AVATAR_TOKENS = Object.keys(AVATAR_COLORS);

/** A profile's tile: its colour and initial. Decorative: the name is always written next to it. */
export function Avatar({ name, avatar, size = 40 }: { name: string; avatar: string; size?: number }) {
  const initial = [...name.trim()][0]?.toUpperCase() ?? '?';
  return (
    <span
      class="avatar"
      aria-hidden="true"
      style={{
        background: AVATAR_COLORS[avatar] ?? 'linear-gradient(135deg, #6b7388, #394052)',
        width: `${size}px`,
        height: `${size}px`,
        fontSize: `${Math.round(size * 0.45)}px`,
      }}
    >
      {initial}
    </span>
  );
}
