import { useState } from 'react';
import { callHost } from '../../kiosk-api.ts';
import { MaintenanceDesk } from './MaintenanceDesk.tsx';
import { StaffSignInScreen, type SignedInStaff } from './StaffSignInScreen.tsx';

/**
 * Staff maintenance mode (the terminal, and its lockers where it has them), in place of the attract or out-of-service screen: sign in, then the desk; it
 * ends with signing out, going back, or idling, and the attract screen returns. When the host says the staff
 * session ended (idle there, or signed out), the sign-in form shows again.
 */
export const MaintenanceMode = ({ lockers, onLeave }: { lockers: boolean; onLeave: () => void }) => {
  const [staff, setStaff] = useState<SignedInStaff | null>(null);
  const [sessionEnded, setSessionEnded] = useState(false);
  const signOut = () => {
    // Leaving does not wait: a host that cannot be reached ends the staff session when it idles out there.
    callHost('staff.signOut', {}).catch(() => undefined);
    onLeave();
  };
  if (staff === null) {
    return (
      <StaffSignInScreen
        sessionEnded={sessionEnded}
        onBack={onLeave}
        onSignedIn={(signedIn) => {
          setSessionEnded(false);
          setStaff(signedIn);
        }}
      />
    );
  }
  return (
    <MaintenanceDesk
      staff={staff}
      lockers={lockers}
      onSignOut={signOut}
      onSignedOut={() => {
        setStaff(null);
        setSessionEnded(true);
      }}
    />
  );
};

