/**
 * The reference platform's catalogue signing key for the demo and the tests. Published on purpose: it signs nothing
 * real, and the demo terminal config (kiosk-config/terminals/demo.json) trusts its public key. A real platform keeps
 * its private key to itself and gives terminals only the public one.
 */
export const DEMO_SIGNING_KEY = {
  publicKey: '04fc6f3ff9970d74230a140403ef682564de4dd99aff860a271a4b39c64aa4ee441edacf50b63c6cbcee0d0563f3235af842312b88d7eb711e947f42c5c9f9a979',
  privateKey: 'd973554489cae67ad14b9266b0a2284237fdf81a9cc719ccf3c0e47f155ebb47',
} as const;
