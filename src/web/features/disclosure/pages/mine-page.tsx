import { Navigate } from 'react-router';
import { useAuth } from '../../../app/auth/auth-context';
import { ForbiddenPage } from '../../../components/status-pages';
import ModelVillagesPage from './model-villages-page';

/** A unit handler's own unit, a village clerk's own village: the menu entry goes straight there. */
export function MyUnitDisclosure() {
  const { me } = useAuth();
  return me?.user.unitId ? <Navigate replace to={`/disclosure/units/${me.user.unitId}`} /> : <ForbiddenPage />;
}

export function MyVillageDisclosure() {
  const { me } = useAuth();
  return me?.user.villageId ? <Navigate replace to={`/disclosure/villages/${me.user.villageId}`} /> : <ForbiddenPage />;
}

/** A village clerk's own village's model-village entries, read-only. */
export function MyVillageModels() {
  const { me } = useAuth();
  return me?.user.villageId ? <ModelVillagesPage mine /> : <ForbiddenPage />;
}
